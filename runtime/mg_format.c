/* The format-spec mini-language of format() and f-strings, and round().
 *
 * Formatting follows CPython 3.11's Python/formatter_unicode.c for int, bool, float and
 * str, path for path: the spec is parsed as parse_internal_render_format_spec parses it
 * (code points; widths and precisions in the decimal digits of any script), the checks
 * come in CPython's order with CPython's messages, and numbers are laid out as
 * calc_number_widths and fill_number lay them out (sign, prefix, padding, the grouping of
 * _PyUnicode_InsertThousandsGrouping, which also groups the zeros of `0` padding).
 * Floats become text as Python/pystrtod.c's format_float_short makes it, from the digits
 * its _Py_dg_dtoa would give: glibc's printf is correctly rounded (ties to even, as
 * dtoa), so `%.*e` gives the digits of dtoa's mode 2 and `%.*f` the text of mode 3, and
 * the shortest round-tripping digits are found as repr finds them.  The 'n' type reads
 * no locale: CPython leaves LC_NUMERIC as "C", whose separator is empty.
 *
 * Widths count code points (the fill character may be any code point).  Errors raise
 * ValueError (OverflowError for `c` out of range) with CPython's messages. */
#include "mg_internal.h"

#include <limits.h>
#include <stdarg.h>

/* A parsed spec (CPython's InternalFormatSpec). */
typedef struct {
    uint32_t fill;
    uint32_t align;
    int alternate;
    int no_neg_0;
    uint32_t sign;     /* 0, '+', '-' or ' ' */
    int64_t width;     /* -1: none */
    int thousands;     /* 0, ',', '_', or MG_UNDER_FOUR: '_' every four digits (b, o, x, X) */
    int64_t precision; /* -1: none */
    uint32_t type;     /* 0: none */
} MgSpec;

#define MG_UNDER_FOUR 4

/* ---- parsing ---------------------------------------------------------------------- */

static int mg_is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
static int mg_is_sign(uint32_t c) { return c == ' ' || c == '+' || c == '-'; }

static void mg_raise_fmt(int32_t kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void mg_raise_fmt(int32_t kind, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mg_raise(kind, msg);
}

static void mg_unknown_code(uint32_t type, const char *type_name) {
    if (type > 32 && type < 128)
        mg_raise_fmt(MG_VALUE, "Unknown format code '%c' for object of type '%s'", (char)type, type_name);
    else
        mg_raise_fmt(MG_VALUE, "Unknown format code '\\x%x' for object of type '%s'", (unsigned)type, type_name);
}

static void mg_invalid_separator(int sep, uint32_t type) {
    if (type > 32 && type < 128)
        mg_raise_fmt(MG_VALUE, "Cannot specify '%c' with '%c'.", sep, (char)type);
    else
        mg_raise_fmt(MG_VALUE, "Cannot specify '%c' with '\\x%x'.", sep, (unsigned)type);
}

/* CPython's get_integer: decimal digits of any script from `*pos`; the count consumed,
 * or -1 with ValueError raised on overflow. */
static int64_t mg_spec_integer(const uint32_t *cp, int64_t *pos, int64_t end, int64_t *result) {
    int64_t acc = 0, n = 0, p = *pos;
    for (; p < end; p++, n++) {
        int d = mg_uni_decimal(cp[p]);
        if (d < 0) break;
        if (acc > (INT64_MAX - d) / 10) {
            mg_raise(MG_VALUE, "Too many decimal digits in format string");
            *pos = p;
            return -1;
        }
        acc = acc * 10 + d;
    }
    *pos = p;
    *result = acc;
    return n;
}

/* The code points of `s` (at least one slot); free with free(). */
static uint32_t *mg_code_points(const MgStr *s) {
    uint32_t *cp = mg_alloc(sizeof(uint32_t) * (size_t)(s->nchars + 1));
    const unsigned char *p = (const unsigned char *)s->data, *end = p + s->len;
    int64_t k = 0;
    while (p < end) {
        int n;
        cp[k++] = mg_utf8_decode(p, &n);
        p += n;
    }
    return cp;
}

/* parse_internal_render_format_spec; 0 with an exception raised when the spec is invalid. */
static int mg_parse_spec(const MgStr *spec, MgSpec *f, uint32_t default_type, uint32_t default_align, const char *type_name) {
    /* Specs are short: their code points on the stack, without a decoding call, when ASCII. */
    uint32_t small[32];
    uint32_t *cp = small;
    if (spec->len < 32 && spec->len == spec->nchars) {
        for (int64_t i = 0; i < spec->len; i++) small[i] = (unsigned char)spec->data[i];
    } else {
        cp = mg_code_points(spec);
    }
    int64_t pos = 0, end = spec->nchars, consumed;
    int align_specified = 0, fill_specified = 0, ok = 0;
    f->fill = ' ';
    f->align = default_align;
    f->alternate = 0;
    f->no_neg_0 = 0;
    f->sign = 0;
    f->width = -1;
    f->thousands = 0;
    f->precision = -1;
    f->type = default_type;

    if (end - pos >= 2 && mg_is_align(cp[pos + 1])) {
        f->align = cp[pos + 1];
        f->fill = cp[pos];
        fill_specified = align_specified = 1;
        pos += 2;
    } else if (end - pos >= 1 && mg_is_align(cp[pos])) {
        f->align = cp[pos];
        align_specified = 1;
        pos++;
    }
    if (end - pos >= 1 && mg_is_sign(cp[pos])) f->sign = cp[pos++];
    if (end - pos >= 1 && cp[pos] == 'z') {
        f->no_neg_0 = 1;
        pos++;
    }
    if (end - pos >= 1 && cp[pos] == '#') {
        f->alternate = 1;
        pos++;
    }
    if (!fill_specified && end - pos >= 1 && cp[pos] == '0') {
        f->fill = '0';
        if (!align_specified && default_align == '>') f->align = '=';
        pos++;
    }
    consumed = mg_spec_integer(cp, &pos, end, &f->width);
    if (consumed < 0) goto done;
    if (consumed == 0) f->width = -1;
    if (end - pos && cp[pos] == ',') {
        f->thousands = ',';
        pos++;
    }
    if (end - pos && cp[pos] == '_') {
        if (f->thousands) {
            mg_raise(MG_VALUE, "Cannot specify both ',' and '_'.");
            goto done;
        }
        f->thousands = '_';
        pos++;
    }
    if (end - pos && cp[pos] == ',' && f->thousands == '_') {
        mg_raise(MG_VALUE, "Cannot specify both ',' and '_'.");
        goto done;
    }
    if (end - pos && cp[pos] == '.') {
        pos++;
        consumed = mg_spec_integer(cp, &pos, end, &f->precision);
        if (consumed < 0) goto done;
        if (consumed == 0) {
            mg_raise(MG_VALUE, "Format specifier missing precision");
            goto done;
        }
    }
    if (end - pos > 1) {
        MgBuf b = {0, 0, 0};
        mg_buf_puts(&b, "Invalid format specifier '");
        mg_buf_put(&b, spec->data, spec->len);
        mg_buf_puts(&b, "' for object of type '");
        mg_buf_puts(&b, type_name);
        mg_buf_puts(&b, "'");
        mg_raise(MG_VALUE, b.data);
        free(b.data);
        goto done;
    }
    if (end - pos == 1) f->type = cp[pos++];
    if (f->thousands) {
        switch (f->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (f->thousands == '_') {
                f->thousands = MG_UNDER_FOUR;
                break;
            }
            /* fall through */
        default:
            mg_invalid_separator(f->thousands, f->type);
            goto done;
        }
    }
    ok = 1;
done:
    if (cp != small) free(cp);
    return ok;
}

/* ---- layout ----------------------------------------------------------------------- */

static void mg_buf_fill(MgBuf *b, uint32_t fill, int64_t n) {
    if (n <= 0) return;
    char enc[4];
    int k = mg_utf8_encode(enc, fill);
    mg_buf_reserve(b, n * k);
    for (int64_t i = 0; i < n; i++) {
        memcpy(b->data + b->len, enc, (size_t)k);
        b->len += k;
    }
    b->data[b->len] = 0;
}

/* _PyUnicode_InsertThousandsGrouping: `digits` in groups of `group` (0: no grouping)
 * separated by `sep`, left-padded with zeros (grouped too) to at least `min_width`
 * characters.  Returns a malloc'd ASCII text and its length in `*n`. */
static char *mg_group_digits(const char *digits, int64_t n_digits, int64_t min_width, int group, char sep, int64_t *n) {
    if (min_width < 0) min_width = 0;
    int64_t most = n_digits > min_width ? n_digits : min_width;
    int64_t cap = most + most / 3 + 16;
    char *tmp = mg_alloc((size_t)cap);
    int64_t pos = cap, remaining = n_digits;
    const char *dend = digits + n_digits;
    int use_sep = 0, broken = 0;
    while (group) {
        int64_t l = group;
        int64_t m = remaining > min_width ? remaining : min_width;
        if (m < 1) m = 1;
        if (l > m) l = m;
        int64_t n_zeros = l - remaining > 0 ? l - remaining : 0;
        int64_t n_chars = remaining < l ? remaining : l;
        if (n_chars < 0) n_chars = 0;
        if (use_sep) tmp[--pos] = sep;
        pos -= n_chars;
        dend -= n_chars;
        memcpy(tmp + pos, dend, (size_t)n_chars);
        pos -= n_zeros;
        memset(tmp + pos, '0', (size_t)n_zeros);
        use_sep = 1;
        remaining -= n_chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0) {
            broken = 1;
            break;
        }
        min_width -= 1;
    }
    if (!broken) {
        int64_t l = remaining > min_width ? remaining : min_width;
        if (l < 1) l = 1;
        int64_t n_zeros = l - remaining > 0 ? l - remaining : 0;
        int64_t n_chars = remaining < l ? remaining : l;
        if (n_chars < 0) n_chars = 0;
        if (use_sep) tmp[--pos] = sep;
        pos -= n_chars;
        dend -= n_chars;
        memcpy(tmp + pos, dend, (size_t)n_chars);
        pos -= n_zeros;
        memset(tmp + pos, '0', (size_t)n_zeros);
    }
    memmove(tmp, tmp + pos, (size_t)(cap - pos));
    *n = cap - pos;
    return tmp;
}

/* calc_number_widths + fill_number:
 *   [lpadding][sign][prefix][spadding][grouped digits][.][remainder][rpadding]
 * `digits` are the leading digits (n_digits may be 0: 'c', inf, nan), `rem` what follows
 * the decimal point (or the digits when there is none), `rem_chars` its code points. */
static void mg_put_number(MgBuf *b, const MgSpec *f, int negative, const char *prefix, int64_t n_prefix, const char *digits, int64_t n_digits, int has_decimal, const char *rem, int64_t n_rem, int64_t rem_chars, int grouping_type) {
    char sign = 0;
    if (f->sign == '+') sign = negative ? '-' : '+';
    else if (f->sign == ' ') sign = negative ? '-' : ' ';
    else if (negative) sign = '-';
    int64_t n_sign = sign != 0;
    int64_t nondigit = n_sign + n_prefix + (has_decimal ? 1 : 0) + rem_chars;
    int64_t min_width = (f->fill == '0' && f->align == '=') ? f->width - nondigit : 0;
    int group = 0;
    char sep = 0;
    if (grouping_type == ',' || grouping_type == '_') {
        group = 3;
        sep = (char)grouping_type;
    } else if (grouping_type == MG_UNDER_FOUR) {
        group = 4;
        sep = '_';
    }
    int64_t n_grouped = 0;
    char *grouped = NULL;
    if (n_digits) grouped = mg_group_digits(digits, n_digits, min_width, group, sep, &n_grouped);
    int64_t n_padding = f->width - (nondigit + n_grouped), lpad = 0, spad = 0, rpad = 0;
    if (n_padding > 0) {
        switch (f->align) {
        case '<': rpad = n_padding; break;
        case '^':
            lpad = n_padding / 2;
            rpad = n_padding - lpad;
            break;
        case '=': spad = n_padding; break;
        default: lpad = n_padding; break;
        }
    }
    mg_buf_fill(b, f->fill, lpad);
    if (sign) mg_buf_put(b, &sign, 1);
    mg_buf_put(b, prefix, n_prefix);
    mg_buf_fill(b, f->fill, spad);
    if (grouped) mg_buf_put(b, grouped, n_grouped);
    free(grouped);
    if (has_decimal) mg_buf_put(b, ".", 1);
    mg_buf_put(b, rem, n_rem);
    mg_buf_fill(b, f->fill, rpad);
}

/* ---- floats ----------------------------------------------------------------------- */

/* The digits _Py_dg_dtoa gives in mode 0 (shortest that round-trips; ndigits unused) or
 * mode 2 (`ndigits` >= 1 significant digits, correctly rounded), without trailing zeros
 * ("0" for zero), into `out` (at least ndigits + 32 bytes); returns their count, with
 * the decimal point position in `*decpt` and the sign in `*sign`.  `x` is finite. */
static int64_t mg_dtoa_digits(double x, int mode, int64_t ndigits, char *out, int64_t *decpt, int *sign) {
    size_t cap = (size_t)ndigits + 40;
    char *tmp = mg_alloc(cap);
    if (mode == 0) {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(tmp, cap, "%.*e", prec - 1, x);
            if (strtod(tmp, NULL) == x) break;
        }
    } else {
        snprintf(tmp, cap, "%.*e", (int)(ndigits - 1), x);
    }
    const char *p = tmp;
    *sign = 0;
    if (*p == '-') {
        *sign = 1;
        p++;
    }
    int64_t n = 0;
    while (*p && *p != 'e') {
        if (*p != '.') out[n++] = *p;
        p++;
    }
    int64_t exp10 = *p == 'e' ? strtoll(p + 1, NULL, 10) : 0;
    while (n > 1 && out[n - 1] == '0') n--;
    out[n] = 0;
    free(tmp);
    *decpt = (n == 1 && out[0] == '0') ? 1 : exp10 + 1;
    return n;
}

/* PyOS_double_to_string: `type` is one of e E f F g G r ('r': repr, only with add_dot_0
 * as format() uses it).  A malloc'd ASCII text. */
char *mg_double_to_string(double val, uint32_t type, int precision, int alt, int add_dot_0, int no_neg_0) {
    int upper = 0;
    switch (type) {
    case 'E': upper = 1; type = 'e'; break;
    case 'F': upper = 1; type = 'f'; break;
    case 'G': upper = 1; type = 'g'; break;
    default: break;
    }
    char *buf;
    if (isnan(val)) {
        buf = mg_strdup(upper ? "NAN" : "nan");
    } else if (isinf(val)) {
        buf = mg_strdup(val < 0 ? (upper ? "-INF" : "-inf") : (upper ? "INF" : "inf"));
    } else if (type == 'f') {
        /* Mode 3: exactly printf's %f (digits up to the precision after the point,
         * correctly rounded, ties to even; '#' keeps a bare point). */
        const char *fmt = alt ? "%#.*f" : "%.*f";
        int n = snprintf(NULL, 0, fmt, precision, val);
        buf = mg_alloc((size_t)n + 1);
        snprintf(buf, (size_t)n + 1, fmt, precision, val);
        if (no_neg_0 && buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)) memmove(buf, buf + 1, strlen(buf));
    } else {
        /* format_float_short for e, g and r. */
        int mode = type == 'r' ? 0 : 2;
        if (type == 'e') precision++;
        if (type == 'g' && precision == 0) precision = 1;
        char *digits = mg_alloc((size_t)precision + 48);
        int64_t decpt;
        int sign;
        int64_t n_digits = mg_dtoa_digits(val, mode, precision, digits, &decpt, &sign);
        if (no_neg_0 && sign && n_digits == 1 && digits[0] == '0') sign = 0;
        int64_t vdigits_end = n_digits, exp = 0;
        int use_exp = 0;
        if (type == 'e') {
            use_exp = 1;
            vdigits_end = precision;
        } else if (type == 'g') {
            if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = 1;
            if (alt) vdigits_end = precision;
        } else if (decpt <= -4 || decpt > 16) {
            use_exp = 1;
        }
        if (use_exp) {
            exp = decpt - 1;
            decpt = 1;
        }
        int64_t vdigits_start = decpt <= 0 ? decpt - 1 : 0;
        int64_t least = (!use_exp && add_dot_0) ? decpt + 1 : decpt;
        if (vdigits_end < least) vdigits_end = least;
        buf = mg_alloc((size_t)(vdigits_end - vdigits_start) + 16);
        char *p = buf;
        if (sign) *p++ = '-';
        if (decpt <= 0) {
            memset(p, '0', (size_t)(decpt - vdigits_start));
            p += decpt - vdigits_start;
            *p++ = '.';
            memset(p, '0', (size_t)-decpt);
            p += -decpt;
        } else {
            memset(p, '0', (size_t)-vdigits_start);
            p += -vdigits_start;
        }
        if (0 < decpt && decpt <= n_digits) {
            memcpy(p, digits, (size_t)decpt);
            p += decpt;
            *p++ = '.';
            memcpy(p, digits + decpt, (size_t)(n_digits - decpt));
            p += n_digits - decpt;
        } else {
            memcpy(p, digits, (size_t)n_digits);
            p += n_digits;
        }
        if (n_digits < decpt) {
            memset(p, '0', (size_t)(decpt - n_digits));
            p += decpt - n_digits;
            *p++ = '.';
            memset(p, '0', (size_t)(vdigits_end - decpt));
            p += vdigits_end - decpt;
        } else {
            memset(p, '0', (size_t)(vdigits_end - n_digits));
            p += vdigits_end - n_digits;
        }
        if (p[-1] == '.' && !alt) p--;
        if (use_exp) p += sprintf(p, "e%+.02d", (int)exp);
        *p = 0;
        free(digits);
    }
    if (upper)
        for (char *c = buf; *c; c++)
            if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
    return buf;
}

/* format_float_internal. */
static void mg_format_float_into(MgBuf *b, double val, const MgSpec *f) {
    if (f->precision > INT_MAX) {
        mg_raise(MG_VALUE, "precision too big");
        return;
    }
    int precision = (int)f->precision, default_precision = 6, add_dot_0 = 0, add_pct = 0;
    uint32_t type = f->type;
    if (type == 0) {
        add_dot_0 = 1;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n') type = 'g';
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = 1;
    }
    if (precision < 0) precision = default_precision;
    else if (type == 'r') type = 'g';
    char *s = mg_double_to_string(val, type, precision, f->alternate, add_dot_0, f->no_neg_0);
    size_t n = strlen(s);
    if (add_pct) {
        s = mg_realloc(s, n + 2);
        s[n++] = '%';
        s[n] = 0;
    }
    const char *p = s;
    int negative = 0;
    if (*p == '-') {
        negative = 1;
        p++;
    }
    const char *d = p;
    while (*d >= '0' && *d <= '9') d++;
    int64_t n_digits = d - p;
    int has_decimal = *d == '.';
    const char *rem = has_decimal ? d + 1 : d;
    int64_t n_rem = (int64_t)strlen(rem);
    mg_put_number(b, f, negative, "", 0, p, n_digits, has_decimal, rem, n_rem, n_rem, f->type == 'n' ? 0 : f->thousands);
    free(s);
}

/* ---- ints ------------------------------------------------------------------------- */

/* format_long_internal. */
static void mg_format_long_into(MgBuf *b, int64_t v, const MgSpec *f) {
    if (f->precision != -1) {
        mg_raise(MG_VALUE, "Precision not allowed in integer format specifier");
        return;
    }
    if (f->no_neg_0) {
        mg_raise(MG_VALUE, "Negative zero coercion (z) not allowed in integer format specifier");
        return;
    }
    if (f->type == 'c') {
        if (f->sign) {
            mg_raise(MG_VALUE, "Sign not allowed with integer format specifier 'c'");
            return;
        }
        if (f->alternate) {
            mg_raise(MG_VALUE, "Alternate form (#) not allowed with integer format specifier 'c'");
            return;
        }
        if (v < 0 || v > 0x10ffff) {
            mg_raise(MG_OVERFLOW, "%c arg not in range(0x110000)");
            return;
        }
        char enc[4];
        int k = mg_utf8_encode(enc, (uint32_t)v);
        mg_put_number(b, f, 0, "", 0, "", 0, 0, enc, k, 1, 0);
        return;
    }
    int base = 10;
    const char *prefix = "";
    const char *digit_chars = "0123456789abcdef";
    switch (f->type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X':
        base = 16;
        prefix = "0X";
        digit_chars = "0123456789ABCDEF";
        break;
    default: break;
    }
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char tmp[72];
    int pos = 72;
    do {
        tmp[--pos] = digit_chars[mag % (uint64_t)base];
        mag /= (uint64_t)base;
    } while (mag);
    mg_put_number(b, f, v < 0, prefix, f->alternate && base != 10 ? 2 : 0, tmp + pos, 72 - pos, 0, "", 0, 0, f->type == 'n' ? 0 : f->thousands);
}

/* ---- entry points ----------------------------------------------------------------- */

static MgStr *mg_buf_result(MgBuf *b) {
    if (mg_current_exc) {
        mg_buf_free(b);
        return NULL;
    }
    return mg_str_from_buf(b);
}

/* The specs f-strings mostly use (`7d`, `>6`, `<10`, `^8.2f`: an ASCII fill, no `=`
 * alignment, no sign but '-', no `#`, `z` or grouping) lay the text out without the general
 * path: the digits, then the padding around them, straight into the new str. */
static int mg_spec_simple(const MgSpec *f) {
    return f->fill < 0x80 && f->align != '=' && !f->alternate && !f->no_neg_0 && !f->thousands && (f->sign == 0 || f->sign == '-');
}

/* `text` (ASCII, `n` bytes) padded to the spec's width: fill on the left ('>'), on the
 * right ('<'), or half on the left, rounded down ('^'), as CPython's calc_padding. */
static MgStr *mg_pad_ascii(const char *text, int64_t n, const MgSpec *f) {
    int64_t total = f->width > n ? f->width : n, pad = total - n;
    int64_t left = f->align == '>' ? pad : f->align == '^' ? pad / 2 : 0;
    MgStr *r = mg_str_alloc(total, total);
    memset(r->data, (int)f->fill, (size_t)left);
    memcpy(r->data + left, text, (size_t)n);
    memset(r->data + left + n, (int)f->fill, (size_t)(pad - left));
    return r;
}

/* format(v, spec) of an int, or of a bool (`is_bool`): with an empty spec, str(v); else
 * the int's formatting (`format(True, ">6")` is `"     1"`, as in CPython). */
MgStr *mg_format_int_spec(int64_t v, const MgStr *spec, int32_t is_bool) {
    if (spec->len == 0) {
        if (is_bool) return mg_str_from(v ? "True" : "False", v ? 4 : 5);
        char tmp[24];
        int n = mg_format_int(tmp, v);
        return mg_str_from(tmp, n);
    }
    MgSpec f;
    const char *type_name = is_bool ? "bool" : "int";
    if (!mg_parse_spec(spec, &f, 'd', '>', type_name)) return NULL;
    if (f.type == 'd' && f.precision == -1 && mg_spec_simple(&f)) {
        char digits[24];
        return mg_pad_ascii(digits, mg_format_int(digits, v), &f);
    }
    char stack[128];
    MgBuf b = MG_BUF_ON_STACK(stack);
    switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        mg_format_long_into(&b, v, &f);
        break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
        mg_format_float_into(&b, (double)v, &f);
        break;
    default:
        mg_unknown_code(f.type, type_name);
        break;
    }
    return mg_buf_result(&b);
}

MgStr *mg_format_float_spec(double v, const MgStr *spec) {
    if (spec->len == 0) {
        char tmp[40];
        int32_t n = mg_float_repr(v, tmp);
        return mg_str_from(tmp, n);
    }
    MgSpec f;
    if (!mg_parse_spec(spec, &f, 0, '>', "float")) return NULL;
    if ((f.type == 'f' || f.type == 'F') && f.precision <= 100 && isfinite(v) && mg_spec_simple(&f)) {
        /* glibc's %.*f is correctly rounded, as CPython's 'f' (mg_double_to_string uses it too). */
        char digits[512];
        int n = snprintf(digits, sizeof digits, "%.*f", f.precision < 0 ? 6 : (int)f.precision, v);
        if (n > 0 && n < (int)sizeof digits) return mg_pad_ascii(digits, n, &f);
    }
    char stack[128];
    MgBuf b = MG_BUF_ON_STACK(stack);
    switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        mg_format_float_into(&b, v, &f);
        break;
    default:
        mg_unknown_code(f.type, "float");
        break;
    }
    return mg_buf_result(&b);
}

/* format_string_internal. */
MgStr *mg_format_str_spec(const MgStr *s, const MgStr *spec) {
    if (spec->len == 0) {
        mg_incref((void *)s);
        return (MgStr *)s;
    }
    MgSpec f;
    if (!mg_parse_spec(spec, &f, 's', '<', "str")) return NULL;
    if (f.type != 's') {
        mg_unknown_code(f.type, "str");
        return NULL;
    }
    if (f.sign) {
        mg_raise(MG_VALUE, f.sign == ' ' ? "Space not allowed in string format specifier" : "Sign not allowed in string format specifier");
        return NULL;
    }
    if (f.no_neg_0) {
        mg_raise(MG_VALUE, "Negative zero coercion (z) not allowed in string format specifier");
        return NULL;
    }
    if (f.alternate) {
        mg_raise(MG_VALUE, "Alternate form (#) not allowed in string format specifier");
        return NULL;
    }
    if (f.align == '=') {
        mg_raise(MG_VALUE, "'=' alignment not allowed in string format specifier");
        return NULL;
    }
    int64_t len = s->nchars;
    if (f.precision >= 0 && len >= f.precision) len = f.precision;
    int64_t total = f.width > len ? f.width : len;
    int64_t lpad = f.align == '>' ? total - len : f.align == '^' ? (total - len) / 2 : 0;
    int64_t rpad = total - len - lpad;
    /* The bytes of the first `len` code points. */
    int64_t bytes = 0;
    if (len == s->nchars) {
        bytes = s->len;
    } else {
        for (int64_t k = 0; k < len; k++) {
            int n;
            mg_utf8_decode((const unsigned char *)s->data + bytes, &n);
            bytes += n;
        }
    }
    if (lpad == 0 && rpad == 0 && bytes == s->len) {
        /* Nothing to pad or cut: the string itself (str is immutable), as CPython's fast path. */
        mg_incref((void *)s);
        return (MgStr *)s;
    }
    char stack[128];
    MgBuf b = MG_BUF_ON_STACK(stack);
    mg_buf_fill(&b, f.fill, lpad);
    mg_buf_put(&b, s->data, bytes);
    mg_buf_fill(&b, f.fill, rpad);
    return mg_str_from_buf(&b);
}

/* ascii(v): repr(v) with every non-ASCII character escaped as backslashreplace does. */
MgStr *mg_ascii_of(const MgType *t, MgSlot v) {
    MgBuf r = {0, 0, 0};
    mg_slot_repr_into(&r, t, v);
    if (mg_current_exc) {
        free(r.data);
        return NULL;
    }
    MgBuf b = {0, 0, 0};
    const unsigned char *p = (const unsigned char *)r.data, *end = p + r.len;
    while (p < end) {
        int n;
        uint32_t c = mg_utf8_decode(p, &n);
        if (c < 0x80) {
            mg_buf_put(&b, (const char *)p, 1);
        } else {
            char tmp[12];
            snprintf(tmp, sizeof tmp, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", c);
            mg_buf_puts(&b, tmp);
        }
        p += n;
    }
    free(r.data);
    return mg_str_from_buf(&b);
}

/* The concatenation of `n` strs (an f-string's pieces, in order). */
MgStr *mg_str_build(MgStr **parts, int64_t n) {
    int64_t len = 0, nchars = 0;
    for (int64_t i = 0; i < n; i++) {
        len += parts[i]->len;
        nchars += parts[i]->nchars;
    }
    MgStr *r = mg_str_alloc(len, nchars);
    char *out = r->data;
    for (int64_t i = 0; i < n; i++) {
        mg_copy_bytes(out, parts[i]->data, parts[i]->len);
        out += parts[i]->len;
    }
    return r;
}

/* ---- round() ---------------------------------------------------------------------- */

/* round(x) of a float: the nearest int, ties to even. */
int64_t mg_round_float_int(double x) { return mg_float_to_int(nearbyint(x)); }

/* round(x, ndigits) of a float: CPython's double_round, x correctly rounded to
 * `ndigits` decimal places (ties to even on the exact value), read back. */
double mg_round_float(double x, int64_t ndigits) {
    /* NDIGITS_MAX and NDIGITS_MIN of Objects/floatobject.c. */
    if (!isfinite(x) || ndigits > 323) return x;
    if (ndigits < -308) return 0.0 * x;
    double r;
    if (ndigits >= 0) {
        int n = snprintf(NULL, 0, "%.*f", (int)ndigits, x);
        char *s = mg_alloc((size_t)n + 1);
        snprintf(s, (size_t)n + 1, "%.*f", (int)ndigits, x);
        r = strtod(s, NULL);
        free(s);
        return r;
    }
    /* A multiple of 10**k: the exact integer part decides, the fraction only breaks ties. */
    int k = (int)-ndigits;
    double t = trunc(x);
    int sticky = x != t;
    int n = snprintf(NULL, 0, "%.0f", fabs(t));
    char *s = mg_alloc((size_t)n + 2);
    snprintf(s + 1, (size_t)n + 1, "%.0f", fabs(t));
    s[0] = '0';
    char *digits = s + 1;
    int up;
    int64_t keep = n - k; /* digits kept, before the rounding */
    if (keep < 0) {
        up = 0;
    } else {
        char first = digits[keep];
        int rest = sticky;
        for (int i = (int)keep + 1; i < n; i++) rest |= digits[i] != '0';
        if (first > '5' || (first == '5' && rest)) up = 1;
        else if (first < '5') up = 0;
        else up = keep > 0 && ((digits[keep - 1] - '0') & 1);
    }
    /* The kept digits (with the leading '0' for a carry), plus one when rounding up. */
    int64_t len = keep < 0 ? 1 : keep + 1;
    if (keep < 0) s[0] = '0';
    if (up) {
        int64_t i = len - 1;
        while (i >= 0 && s[i] == '9') s[i--] = '0';
        s[i]++;
    }
    char *text = mg_alloc((size_t)len + 32);
    snprintf(text, (size_t)len + 32, "%s%.*se%d", signbit(x) ? "-" : "", (int)len, s, k); /* -0.0 keeps its sign */
    r = strtod(text, NULL);
    free(text);
    free(s);
    if (isinf(r)) {
        mg_raise(MG_OVERFLOW, "rounded value too large to represent");
        return 0;
    }
    return r;
}

/* round(x, ndigits) of an int: x itself for ndigits >= 0, else the nearest multiple of
 * 10**-ndigits, ties to even (CPython's _PyLong_DivmodNear). */
int64_t mg_round_int(int64_t x, int64_t ndigits) {
    if (ndigits >= 0) return x;
    if (ndigits < -38) return 0;
    __int128 p = 1;
    for (int64_t i = 0; i < -ndigits; i++) p *= 10;
    __int128 q = x / p, r = x % p;
    if (r < 0) {
        q -= 1;
        r += p;
    }
    if (2 * r > p || (2 * r == p && (q & 1))) q += 1;
    __int128 result = q * p;
    if (result > INT64_MAX || result < INT64_MIN) {
        mg_raise_overflow();
        return 0;
    }
    return (int64_t)result;
}
