/* printf-style formatting, `fmt % args`: CPython 3.11's PyUnicode_Format
 * (Objects/unicodeobject.c: unicode_format_arg_parse, unicode_format_arg_format,
 * unicode_format_arg_output, _PyUnicode_FormatLong, formatfloat, formatchar), path for path.
 *
 * Generated code passes the values as one boxed tuple and says what the right operand was
 * (MgPercentMode): a tuple (its items are the arguments), one value (that CPython may
 * treat as a mapping when it has __getitem__), or a dict display with constant str keys
 * (its values, and the keys joined by ','): a display whose values differ in type has no
 * dict type here, so the runtime looks keys up among the names and prints the display's
 * repr itself when a field takes the whole mapping. */
#include "mg_internal.h"

enum MgPercentMode {
    MG_PCT_TUPLE = 0,
    MG_PCT_ONE = 1,
    MG_PCT_ONE_MAPPING = 2,
    MG_PCT_DISPLAY = 3,
};

#define F_LJUST 1
#define F_SIGN 2
#define F_BLANK 4
#define F_ALT 8
#define F_ZERO 16

typedef struct {
    const MgTuple *args;
    const MgStr *names;
    int32_t mode;
    /* CPython's ctx->args as a selection: the whole tuple, one of its items, or (for a
     * display used whole) the mapping itself. */
    int64_t arglen, argidx;
    int64_t selected;    /* the item standing for ctx->args when arglen < 0; -1: the mapping */
    int has_dict;
} MgPct;

typedef struct {
    const MgType *t;
    MgSlot v;
    int is_display; /* the dict display as a whole */
} MgPctArg;

/* Code points in `n` bytes of UTF-8, and the bytes of the first `k` code points. */
static int64_t mg_utf8_count(const char *p, int64_t n) {
    int64_t k = 0;
    for (int64_t i = 0; i < n; i++) k += ((unsigned char)p[i] & 0xC0) != 0x80;
    return k;
}

static int64_t mg_utf8_prefix_bytes(const char *p, int64_t n, int64_t k) {
    int64_t i = 0;
    for (; i < n; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80 && k-- == 0) break;
    }
    return i;
}

static const char *mg_pct_type_name(const MgPctArg *a) {
    if (a->is_display) return "dict";
    switch (a->t->kind) {
    case MG_T_INT: return "int";
    case MG_T_FLOAT: return "float";
    case MG_T_BOOL: return "bool";
    case MG_T_NONE: return "NoneType";
    case MG_T_STR: return "str";
    case MG_T_LIST: return "list";
    case MG_T_DICT: return "dict";
    case MG_T_SET: return "set";
    case MG_T_DEQUE: return "collections.deque";
    case MG_T_TUPLE: case MG_T_VARTUPLE: return "tuple";
    case MG_T_INSTANCE: return a->t->name;
    case MG_T_OPTIONAL: return a->v ? "?" : "NoneType";
    }
    return "object";
}

/* An Optional holding a value stands for that value. */
static MgPctArg mg_pct_resolve(MgPctArg a) {
    if (!a.is_display && a.t->kind == MG_T_OPTIONAL) {
        if (a.v) {
            a.v = mg_optional_value(a.t, a.v);
            a.t = a.t->a;
        } else {
            a.t = &mg_type_none;
        }
    }
    return a;
}

/* unicode_format_getnextarg. */
static int mg_pct_next(MgPct *c, MgPctArg *out) {
    if (c->argidx < c->arglen) {
        int64_t idx = c->argidx++;
        if (c->arglen < 0) {
            if (c->selected < 0) {
                *out = (MgPctArg){NULL, 0, 1};
            } else {
                *out = (MgPctArg){c->args->h.type->fields[c->selected], c->args->items[c->selected], 0};
            }
        } else {
            *out = (MgPctArg){c->args->h.type->fields[idx], c->args->items[idx], 0};
        }
        *out = mg_pct_resolve(*out);
        return 1;
    }
    mg_raise(MG_TYPE, "not enough arguments for format string");
    return 0;
}

/* A `*` width or precision: the next argument, an int. */
static int mg_pct_star(MgPct *c, int64_t *out) {
    MgPctArg a;
    if (!mg_pct_next(c, &a)) return 0;
    if (a.is_display || (a.t->kind != MG_T_INT && a.t->kind != MG_T_BOOL)) {
        mg_raise(MG_TYPE, "* wants int");
        return 0;
    }
    *out = (int64_t)a.v;
    return 1;
}

/* The repr of the dict display (str and repr of a dict agree). */
static void mg_pct_display_repr(MgBuf *b, const MgPct *c) {
    mg_buf_puts(b, "{");
    const char *p = c->names->data, *end = p + c->names->len;
    for (int64_t k = 0; p < end; k++) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        int64_t n = comma ? comma - p : end - p;
        if (k) mg_buf_puts(b, ", ");
        MgStr *key = mg_str_from(p, n);
        mg_str_repr_into(b, key);
        mg_decref(key);
        mg_buf_puts(b, ": ");
        mg_slot_repr_into(b, c->args->h.type->fields[k], c->args->items[k]);
        p += n + 1;
    }
    mg_buf_puts(b, "}");
}

/* `%(key)`: the value the key selects.  0 with an exception pending. */
static int mg_pct_select(MgPct *c, const char *key, int64_t keylen) {
    if (!c->has_dict) {
        mg_raise(MG_TYPE, "format requires a mapping");
        return 0;
    }
    if (c->mode != MG_PCT_DISPLAY) {
        mg_raise(MG_NOT_IMPLEMENTED, "multigen looks up `%(key)s` only in a dict display written after `%`");
        return 0;
    }
    int64_t k = mg_keyword_index(c->names, key, keylen);
    if (k < 0) return 0;
    c->selected = k;
    c->arglen = -1;
    c->argidx = -2;
    return 1;
}

/* str(), repr() or ascii() of an argument. */
static MgStr *mg_pct_text(const MgPct *c, const MgPctArg *a, char conv) {
    if (a->is_display) {
        MgBuf b = {0, 0, 0};
        mg_pct_display_repr(&b, c);
        MgStr *r = mg_str_from_buf(&b);
        if (conv != 'a') return r;
        MgStr *s = mg_ascii_of(&mg_type_str, (MgSlot)(uintptr_t)r);
        mg_decref(r);
        /* ascii() of the repr adds quotes around it: strip them back off. */
        MgStr *inner = mg_str_from(s->data + 1, s->len - 2);
        mg_decref(s);
        return inner;
    }
    return conv == 's' ? mg_str_of(a->t, a->v) : conv == 'r' ? mg_repr_of(a->t, a->v) : mg_ascii_of(a->t, a->v);
}

/* _PyUnicode_FormatLong over an int64: sign, `0x`/`0o` when `alt`, zeros up to `prec`
 * digits, the digits; 'X' in upper case. */
static void mg_pct_long(MgBuf *b, int64_t v, int alt, int64_t prec, char type) {
    int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    const char *digits = type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char tmp[72];
    int pos = 72;
    do {
        tmp[--pos] = digits[mag % (uint64_t)base];
        mag /= (uint64_t)base;
    } while (mag);
    if (v < 0) mg_buf_puts(b, "-");
    if (alt && base != 10) mg_buf_puts(b, type == 'o' ? "0o" : type == 'x' ? "0x" : "0X");
    for (int64_t k = 72 - pos; k < prec; k++) mg_buf_puts(b, "0");
    mg_buf_put(b, tmp + pos, 72 - pos);
}

/* unicode_format_arg_format and _output for one `%` spec; `key` was handled. */
static int mg_pct_arg(MgBuf *out, MgPct *c, int flags, int64_t width, int64_t prec, char ch, int64_t fmtpos) {
    MgPctArg a;
    if (!mg_pct_next(c, &a)) return 0;
    MgBuf s = {0, 0, 0};
    int sign = 0;
    switch (ch) {
    case 's': case 'r': case 'a': {
        MgStr *t = mg_pct_text(c, &a, ch);
        if (!t) return 0;
        mg_buf_put(&s, t->data, t->len);
        mg_decref(t);
        break;
    }
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X': {
        int64_t iv;
        int hex_or_oct = ch == 'o' || ch == 'x' || ch == 'X';
        int kind = a.is_display ? -1 : a.t->kind;
        if (kind == MG_T_INT || kind == MG_T_BOOL) {
            iv = (int64_t)a.v;
        } else if (kind == MG_T_FLOAT && !hex_or_oct) {
            iv = mg_float_to_int(mg_slot_f(a.v));
            if (mg_current_exc) return 0;
        } else {
            char msg[300];
            snprintf(msg, sizeof msg, "%%%c format: %s is required, not %.200s", ch, hex_or_oct ? "an integer" : "a real number", mg_pct_type_name(&a));
            mg_raise(MG_TYPE, msg);
            return 0;
        }
        mg_pct_long(&s, iv, flags & F_ALT, prec, ch);
        sign = 1;
        break;
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        int kind = a.is_display ? -1 : a.t->kind;
        double x;
        if (kind == MG_T_FLOAT) {
            x = mg_slot_f(a.v);
        } else if (kind == MG_T_INT || kind == MG_T_BOOL) {
            x = (double)(int64_t)a.v;
        } else {
            char msg[300];
            snprintf(msg, sizeof msg, "must be real number, not %.200s", mg_pct_type_name(&a));
            mg_raise(MG_TYPE, msg);
            return 0;
        }
        char *t = mg_double_to_string(x, (uint32_t)ch, prec < 0 ? 6 : (int)prec, (flags & F_ALT) != 0, 0, 0);
        mg_buf_puts(&s, t);
        free(t);
        sign = 1;
        break;
    }
    case 'c': {
        int kind = a.is_display ? -1 : a.t->kind;
        uint32_t cp;
        if (kind == MG_T_STR) {
            const MgStr *t = (const MgStr *)(uintptr_t)a.v;
            int n = 0;
            if (t->len == 0 || (mg_utf8_decode((const unsigned char *)t->data, &n), n != t->len)) {
                mg_raise(MG_TYPE, "%c requires int or char");
                return 0;
            }
            mg_buf_put(&s, t->data, t->len);
            break;
        } else if (kind == MG_T_INT || kind == MG_T_BOOL) {
            int64_t v = (int64_t)a.v;
            if (v < 0 || v > 0x10ffff) {
                mg_raise(MG_OVERFLOW, "%c arg not in range(0x110000)");
                return 0;
            }
            cp = (uint32_t)v;
        } else {
            mg_raise(MG_TYPE, "%c requires int or char");
            return 0;
        }
        char enc[4];
        mg_buf_put(&s, enc, mg_utf8_encode(enc, cp));
        break;
    }
    default: {
        char msg[120];
        snprintf(msg, sizeof msg, "unsupported format character '%c' (0x%x) at index %lld", (ch >= 31 && ch <= 126) ? ch : '?', (unsigned)(unsigned char)ch, (long long)fmtpos);
        mg_raise(MG_VALUE, msg);
        return 0;
    }
    }
    /* unicode_format_arg_output, in code points. */
    const char *p = s.data ? s.data : "";
    int64_t nbytes = s.len, len = mg_utf8_count(p, nbytes);
    char fill = sign && (flags & F_ZERO) ? '0' : ' ';
    if ((ch == 's' || ch == 'r' || ch == 'a') && prec >= 0 && len > prec) {
        nbytes = mg_utf8_prefix_bytes(p, nbytes, prec);
        len = prec;
    }
    char signchar = 0;
    if (sign) {
        if (*p == '-' || *p == '+') {
            signchar = *p++;
            nbytes--;
            len--;
        } else if (flags & F_SIGN) {
            signchar = '+';
        } else if (flags & F_BLANK) {
            signchar = ' ';
        } else {
            sign = 0;
        }
    }
    if (width < len) width = len;
    if (sign) {
        if (fill != ' ') mg_buf_put(out, &signchar, 1);
        if (width > len) width--;
    }
    int prefix = (flags & F_ALT) && (ch == 'x' || ch == 'X' || ch == 'o');
    if (prefix) {
        if (fill != ' ') mg_buf_put(out, p, 2);
        width -= 2;
        if (width < 0) width = 0;
        len -= 2;
    }
    if (width > len && !(flags & F_LJUST)) {
        for (int64_t k = len; k < width; k++) mg_buf_put(out, &fill, 1);
        width = len;
    }
    if (fill == ' ') {
        if (sign) mg_buf_put(out, &signchar, 1);
        if (prefix) mg_buf_put(out, p, 2);
    }
    if (prefix) {
        p += 2;
        nbytes -= 2;
    }
    mg_buf_put(out, p, nbytes);
    for (int64_t k = len; k < width; k++) mg_buf_puts(out, " ");
    free(s.data);
    return 1;
}

MgStr *mg_str_percent(const MgStr *fmt, const MgTuple *args, const MgStr *names, int32_t mode) {
    MgPct c = {args, names, mode, 0, 0, 0, 0};
    if (mode == MG_PCT_TUPLE) {
        c.arglen = args->len;
    } else {
        c.arglen = -1;
        c.argidx = -2;
        c.selected = mode == MG_PCT_DISPLAY ? -1 : 0;
    }
    c.has_dict = mode == MG_PCT_ONE_MAPPING || mode == MG_PCT_DISPLAY;
    MgBuf out = {0, 0, 0};
    const char *s = fmt->data;
    int64_t n = fmt->len, pos = 0;
    /* Positions in code points, for "at index N". */
    int64_t cp_pos = 0;
    while (pos < n) {
        if (s[pos] != '%') {
            int64_t start = pos;
            while (pos < n && s[pos] != '%') {
                int k;
                mg_utf8_decode((const unsigned char *)s + pos, &k);
                pos += k;
                cp_pos++;
            }
            mg_buf_put(&out, s + start, pos - start);
            continue;
        }
        pos++;
        cp_pos++;
        if (pos < n && s[pos] == '%') {
            pos++;
            cp_pos++;
            mg_buf_puts(&out, "%");
            continue;
        }
        /* unicode_format_arg_parse: fmtcnt counts what is left. */
        int64_t fmtcnt = n - pos;
        if (pos < n && s[pos] == '(') {
            if (!c.has_dict) {
                mg_raise(MG_TYPE, "format requires a mapping");
                goto error;
            }
            pos++;
            cp_pos++;
            fmtcnt--;
            int64_t keystart = pos, pcount = 1;
            while (pcount > 0 && --fmtcnt >= 0) {
                if (s[pos] == ')') pcount--;
                else if (s[pos] == '(') pcount++;
                cp_pos += ((unsigned char)s[pos] & 0xC0) != 0x80;
                pos++;
            }
            if (fmtcnt < 0 || pcount > 0) {
                mg_raise(MG_VALUE, "incomplete format key");
                goto error;
            }
            if (!mg_pct_select(&c, s + keystart, pos - keystart - 1)) goto error;
        }
        int flags = 0;
        int64_t width = -1, prec = -1;
        char ch = 0;
        while (--fmtcnt >= 0) {
            ch = s[pos++];
            cp_pos++;
            if (ch == '-') flags |= F_LJUST;
            else if (ch == '+') flags |= F_SIGN;
            else if (ch == ' ') flags |= F_BLANK;
            else if (ch == '#') flags |= F_ALT;
            else if (ch == '0') flags |= F_ZERO;
            else break;
        }
        if (ch == '*') {
            if (!mg_pct_star(&c, &width)) goto error;
            if (width < 0) {
                flags |= F_LJUST;
                width = -width;
            }
            if (--fmtcnt >= 0) {
                ch = s[pos++];
                cp_pos++;
            }
        } else if (ch >= '0' && ch <= '9') {
            width = ch - '0';
            while (--fmtcnt >= 0) {
                ch = s[pos++];
                cp_pos++;
                if (ch < '0' || ch > '9') break;
                if (width > (INT64_MAX - (ch - '0')) / 10) {
                    mg_raise(MG_VALUE, "width too big");
                    goto error;
                }
                width = width * 10 + (ch - '0');
            }
        }
        if (ch == '.') {
            prec = 0;
            if (--fmtcnt >= 0) {
                ch = s[pos++];
                cp_pos++;
            }
            if (ch == '*') {
                if (!mg_pct_star(&c, &prec)) goto error;
                if (prec < 0) prec = 0;
                if (--fmtcnt >= 0) {
                    ch = s[pos++];
                    cp_pos++;
                }
            } else if (ch >= '0' && ch <= '9') {
                prec = ch - '0';
                while (--fmtcnt >= 0) {
                    ch = s[pos++];
                    cp_pos++;
                    if (ch < '0' || ch > '9') break;
                    if (prec > (INT32_MAX - (ch - '0')) / 10) {
                        mg_raise(MG_VALUE, "precision too big");
                        goto error;
                    }
                    prec = prec * 10 + (ch - '0');
                }
            }
        }
        if (fmtcnt >= 0 && (ch == 'h' || ch == 'l' || ch == 'L')) {
            if (--fmtcnt >= 0) {
                ch = s[pos++];
                cp_pos++;
            }
        }
        if (fmtcnt < 0) {
            mg_raise(MG_VALUE, "incomplete format");
            goto error;
        }
        /* A multi-byte character as the conversion: step over all of it. */
        if ((unsigned char)ch >= 0x80) {
            int k;
            uint32_t cp = mg_utf8_decode((const unsigned char *)s + pos - 1, &k);
            pos += k - 1;
            MgPctArg a;
            if (!mg_pct_next(&c, &a)) goto error;
            char msg[120];
            snprintf(msg, sizeof msg, "unsupported format character '?' (0x%x) at index %lld", cp, (long long)(cp_pos - 1));
            mg_raise(MG_VALUE, msg);
            goto error;
        }
        if (!mg_pct_arg(&out, &c, flags, width, prec, ch, cp_pos - 1)) goto error;
    }
    if (c.argidx < c.arglen && !c.has_dict) {
        mg_raise(MG_TYPE, "not all arguments converted during string formatting");
        goto error;
    }
    return mg_str_from_buf(&out);
error:
    free(out.data);
    return NULL;
}
