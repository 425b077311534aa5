/* str: immutable UTF-8 text, indexed by code point. */
#ifndef MG_HOT_ONLY

static int64_t mg_utf8_count(const char *s, int64_t len) {
    int64_t n = 0;
    for (int64_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

MgStr *mg_str_from(const char *data, int64_t len) {
    MgStr *s = mg_obj_alloc(sizeof(MgStr) + (size_t)len + 1);
    s->h.rc = 1;
    s->h.type = &mg_type_str;
    s->len = len;
    memcpy(s->data, data, (size_t)len);
    s->data[len] = 0;
    s->nchars = mg_utf8_count(data, len);
    s->hash = -1;
    s->cap = len + 1;
    return s;
}

/* One-character ASCII strings are shared and immortal, as CPython's are: iterating
 * over a string or indexing it allocates nothing. */
static MgStr *mg_ascii_char(unsigned char c) {
    static MgStr *table[128];
    if (!table[c]) {
        MgStr *s = mg_str_from((const char *)&c, 1);
        s->h.rc = -1;
        s->cap = 0;
        table[c] = s;
    }
    return table[c];
}

static MgStr *mg_str_from_char(const char *p, int64_t n) {
    if (n == 1 && (unsigned char)p[0] < 128) return mg_ascii_char((unsigned char)p[0]);
    return mg_str_from(p, n);
}

static MgStr *mg_str_from_buf(MgBuf *b) {
    MgStr *s = mg_str_from(b->data ? b->data : "", b->len);
    free(b->data);
    return s;
}

int32_t mg_str_eq(const MgStr *a, const MgStr *b) { return a == b || (a->len == b->len && memcmp(a->data, b->data, (size_t)a->len) == 0); }

/* UTF-8 byte order is code point order. */
int32_t mg_str_cmp(const MgStr *a, const MgStr *b) {
    int64_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->data, b->data, (size_t)n);
    if (c) return c < 0 ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* FNV-1a.  CPython randomises str hashes, so no program can depend on their values. */
int64_t mg_str_hash(MgStr *s) {
    if (s->hash != -1) return s->hash;
    uint64_t h = 14695981039346656037ULL;
    for (int64_t i = 0; i < s->len; i++) h = (h ^ (unsigned char)s->data[i]) * 1099511628211ULL;
    int64_t r = (int64_t)(h >> 1);
    if (r == -1) r = -2;
    if (s->h.rc >= 0) s->hash = r;
    return r;
}

int64_t mg_str_len(const MgStr *s) { return s->nchars; }

int64_t mg_str_len_bytes(const MgStr *s) { return s->len; }

/* Byte offset of code point `idx` (0 <= idx <= nchars). */
static int64_t mg_str_offset(const MgStr *s, int64_t idx) {
    if (s->nchars == s->len) return idx;
    int64_t pos = 0;
    while (idx > 0 && pos < s->len) {
        pos++;
        while (pos < s->len && ((unsigned char)s->data[pos] & 0xC0) == 0x80) pos++;
        idx--;
    }
    return pos;
}

static int64_t mg_char_len_at(const MgStr *s, int64_t pos) {
    int64_t end = pos + 1;
    while (end < s->len && ((unsigned char)s->data[end] & 0xC0) == 0x80) end++;
    return end - pos;
}

MgStr *mg_str_concat(const MgStr *a, const MgStr *b) {
    MgStr *s = mg_obj_alloc(sizeof(MgStr) + (size_t)(a->len + b->len) + 1);
    s->h.rc = 1;
    s->h.type = &mg_type_str;
    s->len = a->len + b->len;
    memcpy(s->data, a->data, (size_t)a->len);
    memcpy(s->data + a->len, b->data, (size_t)b->len);
    s->data[s->len] = 0;
    s->nchars = a->nchars + b->nchars;
    s->hash = -1;
    s->cap = s->len + 1;
    return s;
}

/* `s += t` where the variable's reference to `s` is handed over: when nobody else
 * holds `s`, it grows in place (amortised), as CPython does for `s += ch` loops;
 * otherwise a new string is made and the old reference dropped. */
MgStr *mg_str_iadd(MgStr *s, const MgStr *t) {
    if (s->h.rc != 1 || s->cap == 0) {
        MgStr *r = mg_str_concat(s, t);
        mg_decref(s);
        return r;
    }
    int64_t need = s->len + t->len + 1;
    if (need > s->cap) {
        int64_t cap = s->cap * 2 > need ? s->cap * 2 : need;
        MgStr *grown = mg_obj_alloc(sizeof(MgStr) + (size_t)cap);
        memcpy(grown, s, sizeof(MgStr) + (size_t)s->len + 1);
        mg_obj_free(s, sizeof(MgStr) + (size_t)s->cap);
        s = grown;
        s->cap = cap;
    }
    memcpy(s->data + s->len, t->data, (size_t)t->len);
    s->len += t->len;
    s->data[s->len] = 0;
    s->nchars += t->nchars;
    s->hash = -1;
    return s;
}

MgStr *mg_str_repeat(const MgStr *a, int64_t n) {
    if (n <= 0 || a->len == 0) return mg_str_from("", 0);
    int64_t total;
    if (__builtin_mul_overflow(a->len, n, &total)) {
        mg_raise(MG_OVERFLOW, "repeated string is too long");
        return NULL;
    }
    MgStr *s = mg_obj_alloc(sizeof(MgStr) + (size_t)total + 1);
    s->h.rc = 1;
    s->h.type = &mg_type_str;
    s->len = total;
    for (int64_t i = 0; i < n; i++) memcpy(s->data + i * a->len, a->data, (size_t)a->len);
    s->data[total] = 0;
    s->nchars = a->nchars * n;
    s->hash = -1;
    s->cap = total + 1;
    return s;
}

MgStr *mg_str_getitem(const MgStr *s, int64_t idx) {
    if (idx < 0) idx += s->nchars;
    if (idx < 0 || idx >= s->nchars) {
        mg_raise(MG_INDEX, "string index out of range");
        return NULL;
    }
    int64_t pos = mg_str_offset(s, idx);
    return mg_str_from_char(s->data + pos, mg_char_len_at(s, pos));
}

/* Python's slice.indices(): clamps start/stop for a sequence of `len` items.
 * `flags` bit 0: start given, bit 1: stop given.  Returns the slice length, or -1
 * after raising for a zero step. */
int64_t mg_slice_indices(int64_t len, int64_t *start, int64_t *stop, int64_t step, int32_t flags) {
    if (step == 0) {
        mg_raise(MG_VALUE, "slice step cannot be zero");
        return -1;
    }
    int64_t lo, hi;
    if (step > 0) {
        lo = 0;
        hi = len;
    } else {
        lo = -1;
        hi = len - 1;
    }
    if (!(flags & 1)) {
        *start = step > 0 ? lo : hi;
    } else {
        if (*start < 0) {
            *start += len;
            if (*start < lo) *start = lo;
        } else if (*start > hi) {
            *start = hi;
        }
    }
    if (!(flags & 2)) {
        *stop = step > 0 ? hi : lo;
    } else {
        if (*stop < 0) {
            *stop += len;
            if (*stop < lo) *stop = lo;
        } else if (*stop > hi) {
            *stop = hi;
        }
    }
    if (step > 0) return *start < *stop ? (*stop - *start - 1) / step + 1 : 0;
    return *stop < *start ? (*start - *stop - 1) / (-step) + 1 : 0;
}

MgStr *mg_str_slice(const MgStr *s, int64_t start, int64_t stop, int64_t step, int32_t flags) {
    int64_t n = mg_slice_indices(s->nchars, &start, &stop, step, flags);
    if (n < 0) return NULL;
    if (step == 1) {
        int64_t a = mg_str_offset(s, start), b = mg_str_offset(s, start + n);
        return mg_str_from(s->data + a, b - a);
    }
    MgBuf b = {0, 0, 0};
    for (int64_t i = 0, idx = start; i < n; i++, idx += step) {
        int64_t pos = mg_str_offset(s, idx);
        mg_buf_put(&b, s->data + pos, mg_char_len_at(s, pos));
    }
    return mg_str_from_buf(&b);
}

static const char *mg_memfind(const char *hay, int64_t hay_len, const char *needle, int64_t n) {
    if (n == 0) return hay;
    if (n > hay_len) return NULL;
    for (int64_t i = 0; i + n <= hay_len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)n) == 0) return hay + i;
    return NULL;
}

int32_t mg_str_contains(const MgStr *hay, const MgStr *needle) { return mg_memfind(hay->data, hay->len, needle->data, needle->len) != NULL; }

int64_t mg_str_find(const MgStr *s, const MgStr *sub) {
    const char *p = mg_memfind(s->data, s->len, sub->data, sub->len);
    if (!p) return -1;
    return mg_utf8_count(s->data, p - s->data);
}

int64_t mg_str_count(const MgStr *s, const MgStr *sub) {
    if (sub->len == 0) return s->nchars + 1;
    int64_t n = 0;
    const char *p = s->data, *end = s->data + s->len;
    while ((p = mg_memfind(p, end - p, sub->data, sub->len))) {
        n++;
        p += sub->len;
    }
    return n;
}

int32_t mg_str_startswith(const MgStr *s, const MgStr *prefix) { return prefix->len <= s->len && memcmp(s->data, prefix->data, (size_t)prefix->len) == 0; }

int32_t mg_str_endswith(const MgStr *s, const MgStr *suffix) {
    return suffix->len <= s->len && memcmp(s->data + s->len - suffix->len, suffix->data, (size_t)suffix->len) == 0;
}

MgStr *mg_str_replace(const MgStr *s, const MgStr *old, const MgStr *new_) {
    MgBuf b = {0, 0, 0};
    if (old->len == 0) {
        /* CPython inserts `new` between every character and at both ends. */
        mg_buf_put(&b, new_->data, new_->len);
        for (int64_t pos = 0; pos < s->len;) {
            int64_t n = mg_char_len_at(s, pos);
            mg_buf_put(&b, s->data + pos, n);
            mg_buf_put(&b, new_->data, new_->len);
            pos += n;
        }
        return mg_str_from_buf(&b);
    }
    const char *p = s->data, *end = s->data + s->len, *hit;
    while ((hit = mg_memfind(p, end - p, old->data, old->len))) {
        mg_buf_put(&b, p, hit - p);
        mg_buf_put(&b, new_->data, new_->len);
        p = hit + old->len;
    }
    mg_buf_put(&b, p, end - p);
    return mg_str_from_buf(&b);
}

static int mg_is_space_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static int mg_in_chars(const MgStr *chars, const char *p, int64_t n) {
    const char *hit = mg_memfind(chars->data, chars->len, p, n);
    return hit != NULL;
}

/* which: 1 left, 2 right, 3 both; chars NULL means whitespace. */
MgStr *mg_str_strip(const MgStr *s, const MgStr *chars, int32_t which) {
    int64_t a = 0, b = s->len;
    if (which & 1) {
        while (a < b) {
            int64_t n = mg_char_len_at(s, a);
            int strip = chars ? mg_in_chars(chars, s->data + a, n) : (n == 1 && mg_is_space_byte((unsigned char)s->data[a]));
            if (!strip) break;
            a += n;
        }
    }
    if (which & 2) {
        while (b > a) {
            int64_t start = b - 1;
            while (start > a && ((unsigned char)s->data[start] & 0xC0) == 0x80) start--;
            int64_t n = b - start;
            int strip = chars ? mg_in_chars(chars, s->data + start, n) : (n == 1 && mg_is_space_byte((unsigned char)s->data[start]));
            if (!strip) break;
            b = start;
        }
    }
    return mg_str_from(s->data + a, b - a);
}

/* Latin-1 letters change case too; other scripts are left as they are. */
static MgStr *mg_str_case(const MgStr *s, int upper) {
    if (s->nchars == s->len) {
        /* ASCII: one pass, and no copy at all when nothing changes (str is immutable, and
         * the subset has no `is`, so sharing the object is unobservable). */
        int64_t i = 0;
        for (; i < s->len; i++) {
            char c = s->data[i];
            if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) break;
        }
        if (i == s->len) {
            mg_incref((void *)s);
            return (MgStr *)s;
        }
        MgStr *r = mg_str_from(s->data, s->len);
        for (; i < r->len; i++) {
            char c = r->data[i];
            if (upper && c >= 'a' && c <= 'z') r->data[i] = (char)(c - 32);
            if (!upper && c >= 'A' && c <= 'Z') r->data[i] = (char)(c + 32);
        }
        return r;
    }
    MgStr *r = mg_str_from(s->data, s->len);
    unsigned char *d = (unsigned char *)r->data;
    for (int64_t i = 0; i < r->len; i++) {
        if (d[i] < 0x80) {
            if (upper && d[i] >= 'a' && d[i] <= 'z') d[i] -= 32;
            if (!upper && d[i] >= 'A' && d[i] <= 'Z') d[i] += 32;
        } else if (d[i] == 0xC3 && i + 1 < r->len) {
            unsigned char c = d[i + 1]; /* U+00C0..U+00FF as 0xC3 0x80..0xBF */
            if (upper && c >= 0xA0 && c <= 0xBE && c != 0xB7) d[i + 1] = c - 0x20;
            if (!upper && c >= 0x80 && c <= 0x9E && c != 0x97) d[i + 1] = c + 0x20;
            i++;
        }
    }
    return r;
}

MgStr *mg_str_lower(const MgStr *s) { return mg_str_case(s, 0); }
MgStr *mg_str_upper(const MgStr *s) { return mg_str_case(s, 1); }

/* kind: 0 isdigit, 1 isalpha, 2 isspace.  Non-ASCII letters count as alphabetic. */
int32_t mg_str_is(const MgStr *s, int32_t kind) {
    if (s->len == 0) return 0;
    for (int64_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->data[i];
        int ok;
        switch (kind) {
        case 0: ok = c >= '0' && c <= '9'; break;
        case 1: ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; break;
        default: ok = mg_is_space_byte(c); break;
        }
        if (!ok) return 0;
    }
    return 1;
}

MgList *mg_list_new(const MgType *t, int64_t cap);
void mg_list_append(MgList *l, MgSlot v);

static void mg_list_push_str(MgList *l, const char *p, int64_t n) {
    MgStr *part = mg_str_from(p, n);
    mg_list_append(l, (MgSlot)(uintptr_t)part);
    mg_decref(part);
}

/* str.split() and str.split(sep), exactly as CPython. */
MgList *mg_str_split(const MgStr *s, const MgStr *sep, const MgType *list_t) {
    MgList *out = mg_list_new(list_t, 0);
    const char *p = s->data, *end = s->data + s->len;
    if (!sep) {
        while (1) {
            while (p < end && mg_is_space_byte((unsigned char)*p)) p++;
            if (p == end) break;
            const char *word = p;
            while (p < end && !mg_is_space_byte((unsigned char)*p)) p++;
            mg_list_push_str(out, word, p - word);
        }
        return out;
    }
    if (sep->len == 0) {
        mg_decref(out);
        mg_raise(MG_VALUE, "empty separator");
        return NULL;
    }
    const char *hit;
    while ((hit = mg_memfind(p, end - p, sep->data, sep->len))) {
        mg_list_push_str(out, p, hit - p);
        p = hit + sep->len;
    }
    mg_list_push_str(out, p, end - p);
    return out;
}

MgStr *mg_str_join(const MgStr *sep, const MgList *items) {
    MgBuf b = {0, 0, 0};
    for (int64_t i = 0; i < items->len; i++) {
        if (i) mg_buf_put(&b, sep->data, sep->len);
        const MgStr *part = (MgStr *)(uintptr_t)items->items[i];
        mg_buf_put(&b, part->data, part->len);
    }
    return mg_str_from_buf(&b);
}

/* repr of a str: quotes and escapes as CPython chooses them. */
void mg_str_repr_into(MgBuf *b, const MgStr *s) {
    int has_single = memchr(s->data, '\'', (size_t)s->len) != NULL;
    int has_double = memchr(s->data, '"', (size_t)s->len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    mg_buf_put(b, &quote, 1);
    for (int64_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->data[i];
        char tmp[8];
        if (c == (unsigned char)quote || c == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)c;
            mg_buf_put(b, tmp, 2);
        } else if (c == '\n') {
            mg_buf_puts(b, "\\n");
        } else if (c == '\r') {
            mg_buf_puts(b, "\\r");
        } else if (c == '\t') {
            mg_buf_puts(b, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
            mg_buf_puts(b, tmp);
        } else if (c == 0xC2 && i + 1 < s->len && (unsigned char)s->data[i + 1] < 0xA0) {
            /* U+0080..U+009F are not printable: \x80 .. \x9f */
            snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned char)s->data[i + 1]);
            mg_buf_puts(b, tmp);
            i++;
        } else {
            mg_buf_put(b, (const char *)&c, 1);
        }
    }
    mg_buf_put(b, &quote, 1);
}

MgStr *mg_str_of(const MgType *t, MgSlot v) {
    if (t->kind == MG_T_INT) {
        char tmp[24];
        int n = mg_format_int(tmp, (int64_t)v);
        return mg_str_from(tmp, n);
    }
    if (t->kind == MG_T_STR) {
        MgStr *s = (MgStr *)(uintptr_t)v;
        mg_incref(s);
        return s;
    }
    MgBuf b = {0, 0, 0};
    mg_slot_str_into(&b, t, v);
    return mg_str_from_buf(&b);
}

MgStr *mg_repr_of(const MgType *t, MgSlot v) {
    MgBuf b = {0, 0, 0};
    mg_slot_repr_into(&b, t, v);
    return mg_str_from_buf(&b);
}

static void mg_raise_with_repr(int32_t kind, const char *prefix, const MgStr *s) {
    MgBuf b = {0, 0, 0};
    mg_buf_puts(&b, prefix);
    mg_str_repr_into(&b, s);
    mg_raise(kind, b.data);
    free(b.data);
}

/* int(s): optional whitespace and sign, digits with single underscores between them. */
int64_t mg_int_from_str(const MgStr *s) {
    const char *p = s->data, *end = s->data + s->len;
    while (p < end && mg_is_space_byte((unsigned char)*p)) p++;
    while (end > p && mg_is_space_byte((unsigned char)end[-1])) end--;
    int neg = 0;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    uint64_t v = 0;
    int digits = 0, bad = p == end;
    for (; p < end && !bad; p++) {
        if (*p == '_' && digits && p + 1 < end && p[1] != '_') continue;
        if (*p < '0' || *p > '9') {
            bad = 1;
            break;
        }
        digits++;
        if (v > (UINT64_MAX - 9) / 10) {
            mg_raise_overflow();
            return 0;
        }
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (bad || !digits) {
        mg_raise_with_repr(MG_VALUE, "invalid literal for int() with base 10: ", s);
        return 0;
    }
    if ((!neg && v > (uint64_t)INT64_MAX) || (neg && v > (uint64_t)INT64_MAX + 1)) {
        mg_raise_overflow();
        return 0;
    }
    return neg ? (int64_t)(0 - v) : (int64_t)v;
}

double mg_float_from_str(const MgStr *s) {
    const char *p = s->data, *end = s->data + s->len;
    while (p < end && mg_is_space_byte((unsigned char)*p)) p++;
    while (end > p && mg_is_space_byte((unsigned char)end[-1])) end--;
    char buf[64];
    int64_t n = end - p, j = 0;
    if (n > 0 && n < (int64_t)sizeof buf) {
        for (int64_t i = 0; i < n; i++)
            if (p[i] != '_') buf[j++] = p[i];
        buf[j] = 0;
        char *stop;
        double v = strtod(buf, &stop);
        int hex = strchr(buf, 'x') || strchr(buf, 'X');
        if (stop == buf + j && j > 0 && !hex) return v;
    }
    mg_raise_with_repr(MG_VALUE, "could not convert string to float: ", s);
    return 0.0;
}

int64_t mg_str_ord(const MgStr *s) {
    if (s->nchars != 1) {
        char msg[96];
        snprintf(msg, sizeof msg, "ord() expected a character, but string of length %lld found", (long long)s->nchars);
        mg_raise(MG_TYPE, msg);
        return 0;
    }
    const unsigned char *d = (const unsigned char *)s->data;
    if (d[0] < 0x80) return d[0];
    if (d[0] < 0xE0) return ((d[0] & 0x1F) << 6) | (d[1] & 0x3F);
    if (d[0] < 0xF0) return ((d[0] & 0x0F) << 12) | ((d[1] & 0x3F) << 6) | (d[2] & 0x3F);
    return ((d[0] & 0x07) << 18) | ((d[1] & 0x3F) << 12) | ((d[2] & 0x3F) << 6) | (d[3] & 0x3F);
}

MgStr *mg_str_chr(int64_t c) {
    if (c < 0 || c > 0x10FFFF) {
        mg_raise(MG_VALUE, "chr() arg not in range(0x110000)");
        return NULL;
    }
    char d[4];
    int n;
    if (c < 0x80) {
        d[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        d[0] = (char)(0xF0 | (c >> 18));
        d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return mg_str_from_char(d, n);
}

/* Iteration: the character starting at byte `*pos`, as a new str; advances `*pos`. */
MgStr *mg_str_next_char(const MgStr *s, int64_t *pos) {
    int64_t n = mg_char_len_at(s, *pos);
    MgStr *c = mg_str_from_char(s->data + *pos, n);
    *pos += n;
    return c;
}

/* Iteration without a pointer to the position: the character starting at byte `pos`, as a
 * new str, and the byte offset after it. */
MgStr *mg_str_char_at(const MgStr *s, int64_t pos) { return mg_str_from_char(s->data + pos, mg_char_len_at(s, pos)); }

int64_t mg_str_char_end(const MgStr *s, int64_t pos) { return pos + mg_char_len_at(s, pos); }

#endif /* MG_HOT_ONLY */
