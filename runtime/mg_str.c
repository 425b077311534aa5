/* str: immutable UTF-8 text, indexed by code point.  What needs the Unicode database
 * (whitespace, printable characters, case mappings) is in mg_unicode.c. */
#include "mg_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static int64_t mg_utf8_count(const char *s, int64_t len) {
    int64_t n = 0;
    for (int64_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* A new str of `len` bytes and `nchars` code points whose bytes the caller writes (the
 * terminating NUL is written here).  Every str is made here or by mg_str_iadd, so that
 * the functions that know the length in code points of what they build (a piece of an
 * ASCII string is ASCII; a join's is the sum of its parts') do not count it again. */
MgStr *mg_str_alloc(int64_t len, int64_t nchars) {
    MgStr *s = mg_obj_alloc_inline(sizeof(MgStr) + (size_t)len + 1);
    s->h.rc = 1;
    s->h.type = &mg_type_str;
    s->len = len;
    s->nchars = nchars;
    s->hash = -1;
    s->cap = len + 1;
    s->data[len] = 0;
    return s;
}

/* A str of bytes known to hold `nchars` code points. */
static MgStr *mg_str_from_n(const char *data, int64_t len, int64_t nchars) {
    MgStr *s = mg_str_alloc(len, nchars);
    mg_copy_bytes(s->data, data, len);
    return s;
}

MgStr *mg_str_from(const char *data, int64_t len) { return mg_str_from_n(data, len, mg_utf8_count(data, len)); }

/* A piece [p, p + n) of `s`: ASCII when `s` is, so its length in code points is known. */
static MgStr *mg_str_piece(const MgStr *s, const char *p, int64_t n) {
    return mg_str_from_n(p, n, s->nchars == s->len ? n : mg_utf8_count(p, n));
}

/* One-character ASCII strings are shared and immortal, as CPython's are: iterating
 * over a string or indexing it allocates nothing.  Made when first needed; mg_hot.c's
 * mg_str_char_at reads the table. */
MgStr *mg_ascii_chars[128];

static MgStr *mg_ascii_char(unsigned char c) {
    if (!mg_ascii_chars[c]) {
        MgStr *s = mg_str_from((const char *)&c, 1);
        s->h.rc = -1;
        s->cap = 0;
        mg_ascii_chars[c] = s;
    }
    return mg_ascii_chars[c];
}

static MgStr *mg_str_from_char(const char *p, int64_t n) {
    if (n == 1 && (unsigned char)p[0] < 128) return mg_ascii_char((unsigned char)p[0]);
    return mg_str_from(p, n);
}

MgStr *mg_str_from_buf(MgBuf *b) {
    MgStr *s = mg_str_from(b->data ? b->data : "", b->len);
    mg_buf_free(b);
    return s;
}

int32_t mg_str_eq(const MgStr *a, const MgStr *b) { return a == b || (a->len == b->len && mg_bytes_eq(a->data, b->data, a->len)); }

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
    MgStr *s = mg_str_alloc(a->len + b->len, a->nchars + b->nchars);
    memcpy(s->data, a->data, (size_t)a->len);
    memcpy(s->data + a->len, b->data, (size_t)b->len);
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
        MgStr *grown;
        if (sizeof(MgStr) + (size_t)s->cap > 8 * MG_POOL_CLASSES) {
            /* Both sizes are past the free lists, so the block is malloc's: realloc moves
             * large blocks without copying them.  `mg_objects_allocated` counts one object. */
            int self = t == s;
            grown = mg_realloc(s, sizeof(MgStr) + (size_t)cap);
            if (self) t = grown;
        } else {
            grown = mg_obj_alloc(sizeof(MgStr) + (size_t)cap);
            memcpy(grown, s, sizeof(MgStr) + (size_t)s->len + 1);
            /* `s += s`: the right operand is the string being moved. */
            if (t == s) t = grown;
            mg_obj_free(s, sizeof(MgStr) + (size_t)s->cap);
        }
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
    MgStr *s = mg_str_alloc(total, a->nchars * n);
    for (int64_t i = 0; i < n; i++) memcpy(s->data + i * a->len, a->data, (size_t)a->len);
    return s;
}

/* s[idx] (mg_hot.c's mg_str_getitem answers ASCII strings whose character's shared str
 * exists without a call). */
MgStr *mg_str_getitem_slow(const MgStr *s, int64_t idx) {
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
        return mg_str_from_n(s->data + a, b - a, n);
    }
    MgBuf b = {0, 0, 0};
    for (int64_t i = 0, idx = start; i < n; i++, idx += step) {
        int64_t pos = mg_str_offset(s, idx);
        mg_buf_put(&b, s->data + pos, mg_char_len_at(s, pos));
    }
    return mg_str_from_buf(&b);
}

/* The first occurrence of the bytes of `needle` in `hay`: UTF-8 is self-synchronising,
 * so a byte match of valid text starts at a character boundary.  One byte: memchr.
 * Longer needles: sixteen positions at a time, the candidates where the needle's first two
 * bytes match (SSE2, which every x86-64 has), each then compared in full; no set-up per
 * call, which matters for count() and replace(), which search again after every hit.  After
 * many false candidates (text like "aaaa" against "aab"), glibc's memmem, which is linear,
 * takes the rest. */
static const char *mg_memfind(const char *hay, int64_t hay_len, const char *needle, int64_t n) {
    if (n == 0) return hay;
    if (n > hay_len) return NULL;
    if (n == 1) return memchr(hay, needle[0], (size_t)hay_len);
    const char *p = hay, *end = hay + hay_len, *last = end - n;
    int64_t false_hits = 0;
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(needle[0]), second = _mm_set1_epi8(needle[1]);
    while (end - p >= 17) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p), y = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, first), _mm_cmpeq_epi8(y, second)));
        while (mask) {
            const char *c = p + __builtin_ctz(mask);
            if (c > last) return NULL;
            if (mg_bytes_eq(c + 2, needle + 2, n - 2)) return c;
            mask &= mask - 1;
            if (++false_hits > 256) return memmem(c + 1, (size_t)(end - (c + 1)), needle, (size_t)n);
        }
        p += 16;
    }
#endif
    for (; p <= last; p++) {
        if (p[0] != needle[0] || p[1] != needle[1]) continue;
        if (mg_bytes_eq(p + 2, needle + 2, n - 2)) return p;
        if (++false_hits > 256) return memmem(p + 1, (size_t)(end - (p + 1)), needle, (size_t)n);
    }
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

int32_t mg_str_startswith(const MgStr *s, const MgStr *prefix) { return prefix->len <= s->len && mg_bytes_eq(s->data, prefix->data, prefix->len); }

int32_t mg_str_endswith(const MgStr *s, const MgStr *suffix) {
    return suffix->len <= s->len && mg_bytes_eq(s->data + s->len - suffix->len, suffix->data, suffix->len);
}

MgStr *mg_str_replace(const MgStr *s, const MgStr *old, const MgStr *new_) {
    if (old->len == 0) {
        /* CPython inserts `new` between every character and at both ends. */
        MgBuf b = {0, 0, 0};
        mg_buf_put(&b, new_->data, new_->len);
        for (int64_t pos = 0; pos < s->len;) {
            int64_t n = mg_char_len_at(s, pos);
            mg_buf_put(&b, s->data + pos, n);
            mg_buf_put(&b, new_->data, new_->len);
            pos += n;
        }
        return mg_str_from_buf(&b);
    }
    const char *end = s->data + s->len;
    int64_t hits = 0;
    for (const char *p = s->data; (p = mg_memfind(p, end - p, old->data, old->len)); p += old->len) hits++;
    if (hits == 0) {
        /* str is immutable: CPython returns the string itself too. */
        mg_incref((void *)s);
        return (MgStr *)s;
    }
    int64_t len = s->len + hits * (new_->len - old->len);
    MgStr *r = mg_str_alloc(len, s->nchars + hits * (new_->nchars - old->nchars));
    char *out = r->data;
    const char *p = s->data, *hit;
    while ((hit = mg_memfind(p, end - p, old->data, old->len))) {
        memcpy(out, p, (size_t)(hit - p));
        out += hit - p;
        memcpy(out, new_->data, (size_t)new_->len);
        out += new_->len;
        p = hit + old->len;
    }
    memcpy(out, p, (size_t)(end - p));
    return r;
}

static int mg_in_chars(const MgStr *chars, const char *p, int64_t n) {
    const char *hit = mg_memfind(chars->data, chars->len, p, n);
    return hit != NULL;
}

/* which: 1 left, 2 right, 3 both; chars NULL means whitespace (Unicode's, as Python's).
 * A string with nothing to strip is returned itself, as CPython does. */
MgStr *mg_str_strip(const MgStr *s, const MgStr *chars, int32_t which) {
    int64_t a = 0, b = s->len;
    const unsigned char *d = (const unsigned char *)s->data;
    if (chars && chars->nchars == chars->len && chars->len <= 16) {
        /* A few ASCII characters to strip (".,;:!?"): compared byte by byte, which is
         * cheaper than a table for the one or two bytes a strip usually looks at; a
         * non-ASCII character of `s` (a byte >= 0x80) is never among them. */
        const char *set = chars->data;
        int64_t n = chars->len;
        if (which & 1)
            while (a < b && memchr(set, d[a], (size_t)n)) a++;
        if (which & 2)
            while (b > a && memchr(set, d[b - 1], (size_t)n)) b--;
    } else if (chars && chars->nchars == chars->len) {
        uint8_t set[256] = {0};
        for (int64_t i = 0; i < chars->len; i++) set[(unsigned char)chars->data[i]] = 1;
        if (which & 1)
            while (a < b && set[d[a]]) a++;
        if (which & 2)
            while (b > a && set[d[b - 1]]) b--;
    } else {
        if (which & 1) {
            while (a < b) {
                if (d[a] < 0x80) {
                    if (chars ? !mg_in_chars(chars, s->data + a, 1) : !mg_ascii_space(d[a])) break;
                    a++;
                    continue;
                }
                int64_t n = mg_char_len_at(s, a);
                int strip = chars ? mg_in_chars(chars, s->data + a, n) : mg_space_len(s->data + a) != 0;
                if (!strip) break;
                a += n;
            }
        }
        if (which & 2) {
            while (b > a) {
                if (d[b - 1] < 0x80) {
                    if (chars ? !mg_in_chars(chars, s->data + b - 1, 1) : !mg_ascii_space(d[b - 1])) break;
                    b--;
                    continue;
                }
                int64_t start = b - 1;
                while (start > a && (d[start] & 0xC0) == 0x80) start--;
                int64_t n = b - start;
                int strip = chars ? mg_in_chars(chars, s->data + start, n) : mg_space_len(s->data + start) != 0;
                if (!strip) break;
                b = start;
            }
        }
    }
    if (a == 0 && b == s->len) {
        mg_incref((void *)s);
        return (MgStr *)s;
    }
    return mg_str_piece(s, s->data + a, b - a);
}

/* Appends the piece [p, p + n) of `s` to `l`, which takes the new str's reference. */
static void mg_list_push_str(MgList *l, const MgStr *s, const char *p, int64_t n) {
    MgStr *part = mg_str_piece(s, p, n);
    if (l->len == l->cap) mg_list_grow(l);
    l->items[l->len++] = (MgSlot)(uintptr_t)part;
}

/* str.split() and str.split(sep), exactly as CPython. */
MgList *mg_str_split(const MgStr *s, const MgStr *sep, const MgType *list_t) {
    /* Room for 12 pieces first, as CPython's MAX_PREALLOC: a line's words without regrowing. */
    MgList *out = mg_list_new(list_t, 12);
    const char *p = s->data, *end = s->data + s->len;
    if (!sep && s->nchars == s->len) {
        /* ASCII: whitespace is a byte test, and every piece is ASCII. */
        const unsigned char *q = (const unsigned char *)p, *e = (const unsigned char *)end;
        while (1) {
            while (q < e && mg_ascii_space(*q)) q++;
            if (q == e) break;
            const unsigned char *word = q;
            while (q < e && !mg_ascii_space(*q)) q++;
            MgStr *part = mg_str_from_n((const char *)word, q - word, q - word);
            if (out->len == out->cap) mg_list_grow(out);
            out->items[out->len++] = (MgSlot)(uintptr_t)part;
        }
        return out;
    }
    if (!sep) {
        while (1) {
            p = mg_space_run(p, end, 1);
            if (p == end) break;
            const char *word = p;
            p = mg_space_run(p, end, 0);
            mg_list_push_str(out, s, word, p - word);
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
        mg_list_push_str(out, s, p, hit - p);
        p = hit + sep->len;
    }
    mg_list_push_str(out, s, p, end - p);
    return out;
}

/* `for x in s.split(sep)` without the list (mir::lower::iter): where the piece after byte
 * `pos` starts, or -1 when there is none.  With a separator, the piece after the last one
 * (possibly empty) runs to the end; the loop moves `pos` past each piece and its separator,
 * so it passes the end after the last piece.  Without one, pieces are the runs of
 * non-whitespace. */
int64_t mg_str_split_start(const MgStr *s, const MgStr *sep, int64_t pos) {
    if (sep) return pos <= s->len ? pos : -1;
    const unsigned char *p = (const unsigned char *)s->data + pos, *end = (const unsigned char *)s->data + s->len;
    if (s->nchars == s->len) {
        while (p < end && mg_ascii_space(*p)) p++;
    } else {
        p = (const unsigned char *)mg_space_run((const char *)p, (const char *)end, 1);
    }
    return p == end ? -1 : (int64_t)((const char *)p - s->data);
}

/* The piece of `s.split(sep)` that starts at byte `start` (mg_str_split_start). */
MgStr *mg_str_split_piece(const MgStr *s, const MgStr *sep, int64_t start) {
    const char *p = s->data + start, *end = s->data + s->len, *stop;
    if (sep) {
        stop = mg_memfind(p, end - p, sep->data, sep->len);
        if (!stop) stop = end;
    } else if (s->nchars == s->len) {
        stop = p;
        while (stop < end && !mg_ascii_space((unsigned char)*stop)) stop++;
    } else {
        stop = mg_space_run(p, end, 0);
    }
    return mg_str_piece(s, p, stop - p);
}

MgStr *mg_str_join(const MgStr *sep, const MgList *items) {
    int64_t n = items->len;
    if (n == 1) {
        /* CPython returns the one item itself. */
        MgStr *only = (MgStr *)(uintptr_t)items->items[0];
        mg_incref(only);
        return only;
    }
    int64_t len = n > 0 ? (n - 1) * sep->len : 0, nchars = n > 0 ? (n - 1) * sep->nchars : 0;
    for (int64_t i = 0; i < n; i++) {
        const MgStr *part = (MgStr *)(uintptr_t)items->items[i];
        len += part->len;
        nchars += part->nchars;
    }
    MgStr *r = mg_str_alloc(len, nchars);
    char *out = r->data;
    for (int64_t i = 0; i < n; i++) {
        if (i && sep->len) {
            mg_copy_bytes(out, sep->data, sep->len);
            out += sep->len;
        }
        const MgStr *part = (MgStr *)(uintptr_t)items->items[i];
        mg_copy_bytes(out, part->data, part->len);
        out += part->len;
    }
    return r;
}

/* repr of a str, as CPython's unicode_repr: single quotes unless the text has a single
 * quote and no double one; backslash escapes for the quote, the backslash, \t \n \r and
 * every character that is not printable (\xNN below U+0100, \uNNNN, \UNNNNNNNN). */
void mg_str_repr_into(MgBuf *b, const MgStr *s) {
    int has_single = memchr(s->data, '\'', (size_t)s->len) != NULL;
    int has_double = memchr(s->data, '"', (size_t)s->len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    mg_buf_put(b, &quote, 1);
    const unsigned char *p = (const unsigned char *)s->data, *end = p + s->len;
    while (p < end) {
        int n;
        uint32_t c = mg_utf8_decode(p, &n);
        char tmp[12];
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
        } else if (c < 0x7f || mg_uni_printable(c)) {
            mg_buf_put(b, (const char *)p, n);
        } else {
            snprintf(tmp, sizeof tmp, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", c);
            mg_buf_puts(b, tmp);
        }
        p += n;
    }
    mg_buf_put(b, &quote, 1);
}

/* CPython's error handler for stdout (config_get_stdio_errors in Python/initconfig.c):
 * surrogateescape in UTF-8 mode (PYTHONUTF8=1), in the C and POSIX locales and in the
 * UTF-8 locales CPython coerces those to; strict in any other locale.  The encoding is
 * taken to be UTF-8 (PYTHONIOENCODING is not looked at).  Decided when first needed. */
static int mg_stdout_surrogateescape(void) {
    static int decided = -1;
    if (decided >= 0) return decided;
    const char *utf8_mode = getenv("PYTHONUTF8");
    if (utf8_mode && strcmp(utf8_mode, "1") == 0) return decided = 1;
    const char *current = setlocale(LC_CTYPE, NULL);
    char *saved = current ? mg_strdup(current) : NULL;
    const char *loc = setlocale(LC_CTYPE, "");
    if (!loc) loc = saved ? saved : "C";
    static const char *const escaping[] = {"C", "POSIX", "C.UTF-8", "C.utf8", "UTF-8"};
    decided = 0;
    for (int i = 0; i < 5; i++) decided |= strcmp(loc, escaping[i]) == 0;
    if (saved) setlocale(LC_CTYPE, saved);
    free(saved);
    return decided;
}

/* print() of a str, encoded as CPython's stdout encodes it: UTF-8, where a lone surrogate
 * (which chr() and sys.argv can make) is an error, except that with surrogateescape
 * U+DC80..U+DCFF stand for the bytes 0x80..0xFF.  An error raises UnicodeEncodeError
 * naming the code point positions CPython names (the run of consecutive surrogates, from
 * the first one surrogateescape cannot write), and nothing of the string is written. */
void mg_print_str_value(const MgStr *s) {
    /* A surrogate's UTF-8 form is ED A0..BF xx; 0xED is never a continuation byte. */
    const unsigned char *d = (const unsigned char *)s->data, *hit = d;
    while ((hit = memchr(hit, 0xED, (size_t)(d + s->len - hit))) && hit[1] < 0xA0) hit++;
    if (!hit) {
        fwrite(s->data, 1, (size_t)s->len, MG_OUT);
        return;
    }
    int escape = mg_stdout_surrogateescape();
    MgBuf out = {0, 0, 0};
    int64_t pos = 0, bad = -1, run_end = -1;
    uint32_t bad_cp = 0;
    for (int64_t i = 0; i < s->len && run_end < 0; pos++) {
        int n;
        uint32_t cp = mg_utf8_decode(d + i, &n);
        int surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        if (bad >= 0 && !surrogate) run_end = pos;
        if (surrogate && bad < 0 && !(escape && cp >= 0xDC80 && cp <= 0xDCFF)) {
            bad = pos;
            bad_cp = cp;
        }
        if (bad < 0) {
            char byte = (char)(cp & 0xFF);
            mg_buf_put(&out, surrogate ? &byte : (const char *)d + i, surrogate ? 1 : n);
        }
        i += n;
    }
    if (bad < 0) {
        fwrite(out.data, 1, (size_t)out.len, MG_OUT);
        free(out.data);
        return;
    }
    free(out.data);
    mg_raise_surrogates(bad_cp, bad, run_end < 0 ? pos : run_end);
}

/* CPython's UnicodeEncodeError for lone surrogates at code points [bad, run_end) of a str
 * being encoded as UTF-8 (stdout, files). */
void mg_raise_surrogates(uint32_t bad_cp, int64_t bad, int64_t run_end) {
    char msg[128];
    if (run_end - bad == 1)
        snprintf(msg, sizeof msg, "'utf-8' codec can't encode character '\\u%04x' in position %lld: surrogates not allowed", bad_cp, (long long)bad);
    else
        snprintf(msg, sizeof msg, "'utf-8' codec can't encode characters in position %lld-%lld: surrogates not allowed", (long long)bad, (long long)run_end - 1);
    mg_raise(MG_UNICODE_ENCODE, msg);
}

MgStr *mg_str_of(const MgType *t, MgSlot v) {
    if (t->kind == MG_T_INT) {
        char tmp[24];
        int n = mg_format_int(tmp, (int64_t)v);
        return mg_str_from_n(tmp, n, n);
    }
    if (t->kind == MG_T_STR) {
        MgStr *s = (MgStr *)(uintptr_t)v;
        mg_incref(s);
        return s;
    }
    char stack[128];
    MgBuf b = MG_BUF_ON_STACK(stack);
    mg_slot_str_into(&b, t, v);
    return mg_str_from_buf(&b);
}

MgStr *mg_repr_of(const MgType *t, MgSlot v) {
    char stack[128];
    MgBuf b = MG_BUF_ON_STACK(stack);
    mg_slot_repr_into(&b, t, v);
    return mg_str_from_buf(&b);
}

/* Raises `kind` with `prefix` and the repr of `s`, cut after `max_chars` characters when
 * max_chars >= 0 (CPython's `%.200R`). */
static void mg_raise_with_repr(int32_t kind, const char *prefix, const MgStr *s, int64_t max_chars) {
    MgBuf b = {0, 0, 0};
    mg_buf_puts(&b, prefix);
    int64_t start = b.len;
    mg_str_repr_into(&b, s);
    if (max_chars >= 0) {
        int64_t pos = start;
        for (int64_t k = 0; k < max_chars && pos < b.len; k++) {
            int n;
            mg_utf8_decode((const unsigned char *)b.data + pos, &n);
            pos += n;
        }
        b.len = pos;
        b.data[pos] = 0;
    }
    mg_raise(kind, b.data);
    free(b.data);
}

/* Python's ASCII whitespace (Py_ISSPACE), which int() and float() strip after the
 * transformation to ASCII; unlike str.isspace it excludes \x1c..\x1f. */
static int mg_is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* int(s) as CPython's PyLong_FromUnicodeObject with base 10: the text as ASCII (Unicode
 * whitespace and digits transformed), optional whitespace and sign, digits with single
 * underscores between them, optional whitespace.  Errors come in CPython's order: a bad
 * digit run, then more than 4300 digits (sys.get_int_max_str_digits()), then trailing
 * characters; a valid literal beyond 64 bits is multigen's OverflowError. */
int64_t mg_int_from_str(const MgStr *s) {
    int64_t len = s->len;
    char *ascii = mg_decimal_and_space_to_ascii(s, &len);
    const char *p = ascii ? ascii : s->data, *end = p + len;
    while (p < end && mg_is_ascii_space(*p)) p++;
    int neg = 0;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    const char *run = p;
    int64_t digits = 0;
    char prev = 0;
    int bad = p == end || *p == '_';
    for (; !bad && p < end && ((*p >= '0' && *p <= '9') || *p == '_'); prev = *p++) {
        if (*p == '_' && prev == '_') bad = 1;
        digits += *p != '_';
    }
    bad = bad || prev == '_' || digits == 0;
    if (!bad && digits > 4300) {
        free(ascii);
        char msg[160];
        snprintf(msg, sizeof msg,
                 "Exceeds the limit (4300 digits) for integer string conversion: value has %lld digits; "
                 "use sys.set_int_max_str_digits() to increase the limit",
                 (long long)digits);
        mg_raise(MG_VALUE, msg);
        return 0;
    }
    const char *run_end = p;
    while (p < end && mg_is_ascii_space(*p)) p++;
    if (bad || p != end) {
        free(ascii);
        mg_raise_with_repr(MG_VALUE, "invalid literal for int() with base 10: ", s, 200);
        return 0;
    }
    uint64_t v = 0;
    int overflow = 0;
    for (const char *q = run; q < run_end; q++) {
        if (*q == '_') continue;
        overflow |= v > (UINT64_MAX - 9) / 10;
        v = v * 10 + (uint64_t)(*q - '0');
    }
    free(ascii);
    if (overflow || (!neg && v > (uint64_t)INT64_MAX) || (neg && v > (uint64_t)INT64_MAX + 1)) {
        mg_raise_overflow();
        return 0;
    }
    return neg ? (int64_t)(0 - v) : (int64_t)v;
}

/* Length of the float literal CPython's _PyOS_ascii_strtod accepts at the start of `p`:
 * [sign] digits [. digits] | [sign] . digits, then [e|E [sign] digits]; or [sign] inf,
 * infinity or nan in any case.  0 when there is none.  *special is 1 for inf, 2 for nan. */
static int64_t mg_float_literal_len(const char *p, const char *end, int *special) {
    const char *q = p;
    *special = 0;
    if (q < end && (*q == '+' || *q == '-')) q++;
    static const char *const words[] = {"infinity", "inf", "nan"};
    for (int w = 0; w < 3; w++) {
        int64_t n = (int64_t)strlen(words[w]);
        if (end - q >= n && strncasecmp(q, words[w], (size_t)n) == 0) {
            *special = w < 2 ? 1 : 2;
            return q + n - p;
        }
    }
    int64_t digits = 0;
    while (q < end && *q >= '0' && *q <= '9') q++, digits++;
    if (q < end && *q == '.') {
        q++;
        while (q < end && *q >= '0' && *q <= '9') q++, digits++;
    }
    if (!digits) return 0;
    if (q < end && (*q == 'e' || *q == 'E')) {
        const char *e = q + 1;
        if (e < end && (*e == '+' || *e == '-')) e++;
        if (e < end && *e >= '0' && *e <= '9') {
            while (e < end && *e >= '0' && *e <= '9') e++;
            q = e;
        }
    }
    return q - p;
}

/* float(s) as CPython's PyFloat_FromString: the text as ASCII (Unicode whitespace and
 * digits transformed); underscores only between digits (and then removed); ASCII
 * whitespace around one literal.  The digits are converted by strtod, correctly rounded
 * as CPython's dtoa. */
double mg_float_from_str(const MgStr *s) {
    int64_t len = s->len;
    char *ascii = mg_decimal_and_space_to_ascii(s, &len);
    const char *text = ascii ? ascii : s->data;
    char *buf = mg_realloc(NULL, (size_t)len + 1);
    int64_t k = 0;
    int bad = 0;
    char prev = 0;
    for (int64_t i = 0; i < len; prev = text[i++]) {
        char c = text[i];
        int digit = c >= '0' && c <= '9', prev_digit = prev >= '0' && prev <= '9';
        if (c == '_') {
            bad |= !prev_digit;
            continue;
        }
        bad |= prev == '_' && !digit;
        buf[k++] = c;
    }
    bad |= prev == '_';
    buf[k] = 0;
    free(ascii);
    const char *p = buf, *end = buf + k;
    while (p < end && mg_is_ascii_space(*p)) p++;
    while (end > p && mg_is_ascii_space(end[-1])) end--;
    int special;
    int64_t n = bad ? 0 : mg_float_literal_len(p, end, &special);
    double v = 0.0;
    if (n > 0 && p + n == end) {
        int neg = *p == '-';
        if (special == 1) {
            v = neg ? -HUGE_VAL : HUGE_VAL;
        } else if (special == 2) {
            v = neg ? -NAN : NAN;
        } else {
            *(char *)end = 0;
            v = strtod(p, NULL);
        }
        free(buf);
        return v;
    }
    free(buf);
    mg_raise_with_repr(MG_VALUE, "could not convert string to float: ", s, -1);
    return 0.0;
}

/* ord() of anything but a one-byte str (mg_hot.c's mg_str_ord has that case inline). */
int64_t mg_str_ord_slow(const MgStr *s) {
    if (s->nchars != 1) {
        char msg[96];
        snprintf(msg, sizeof msg, "ord() expected a character, but string of length %lld found", (long long)s->nchars);
        mg_raise(MG_TYPE, msg);
        return 0;
    }
    int n;
    return mg_utf8_decode((const unsigned char *)s->data, &n);
}

MgStr *mg_str_chr(int64_t c) {
    if (c < 0 || c > 0x10FFFF) {
        mg_raise(MG_VALUE, "chr() arg not in range(0x110000)");
        return NULL;
    }
    char d[4];
    int n = mg_utf8_encode(d, (uint32_t)c);
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
/* The slow path of mg_str_char_at (mg_hot.c): a character that is not ASCII, or an ASCII
 * one whose shared str is not made yet. */
MgStr *mg_str_char_new(const MgStr *s, int64_t pos) { return mg_str_from_char(s->data + pos, mg_char_len_at(s, pos)); }

/* ---- searching, splitting and padding (the rest of CPython's str methods) ------------ */

static const char *mg_memrfind(const char *hay, int64_t hay_len, const char *needle, int64_t n) {
    if (n > hay_len) return NULL;
    for (int64_t i = hay_len - n; i >= 0; i--)
        if (memcmp(hay + i, needle, (size_t)n) == 0) return hay + i;
    return NULL;
}

int64_t mg_str_rfind(const MgStr *s, const MgStr *sub) {
    const char *p = mg_memrfind(s->data, s->len, sub->data, sub->len);
    return p ? mg_utf8_count(s->data, p - s->data) : -1;
}

/* index()/rindex(): find()/rfind() that raise. */
int64_t mg_str_index(const MgStr *s, const MgStr *sub, int32_t from_right) {
    int64_t i = from_right ? mg_str_rfind(s, sub) : mg_str_find(s, sub);
    if (i < 0) mg_raise(MG_VALUE, "substring not found");
    return i;
}

/* partition()/rpartition(): a tuple[str, str, str]. */
MgTuple *mg_str_partition(const MgStr *s, const MgStr *sep, const MgType *tuple_t, int32_t from_right) {
    if (sep->len == 0) {
        mg_raise(MG_VALUE, "empty separator");
        return NULL;
    }
    const char *hit = from_right ? mg_memrfind(s->data, s->len, sep->data, sep->len) : mg_memfind(s->data, s->len, sep->data, sep->len);
    MgStr *parts[3];
    if (!hit) {
        MgStr *empty = mg_str_from("", 0);
        parts[0] = from_right ? empty : (MgStr *)s;
        parts[1] = empty;
        parts[2] = from_right ? (MgStr *)s : empty;
        mg_incref((void *)s);
        mg_incref(empty);
    } else {
        parts[0] = mg_str_from(s->data, hit - s->data);
        parts[1] = (MgStr *)sep;
        mg_incref((void *)sep);
        parts[2] = mg_str_from(hit + sep->len, s->data + s->len - (hit + sep->len));
    }
    MgTuple *t = mg_tuple_new(tuple_t);
    for (int i = 0; i < 3; i++) t->items[i] = (MgSlot)(uintptr_t)parts[i];
    return t;
}

/* The start of the whitespace character that ends just before `p` (or NULL). */
static const char *mg_space_before(const char *start, const char *p) {
    const char *q = p - 1;
    while (q > start && ((unsigned char)*q & 0xC0) == 0x80) q--;
    return q >= start && mg_space_len(q) == p - q ? q : NULL;
}

static const char *mg_char_before(const char *start, const char *p) {
    const char *q = p - 1;
    while (q > start && ((unsigned char)*q & 0xC0) == 0x80) q--;
    return q;
}

/* split(sep, maxsplit) and rsplit(sep, maxsplit); `sep` NULL splits on whitespace runs. */
MgList *mg_str_split_max(const MgStr *s, const MgStr *sep, int64_t maxsplit, const MgType *list_t, int32_t from_right) {
    if (sep && sep->len == 0) {
        mg_raise(MG_VALUE, "empty separator");
        return NULL;
    }
    MgList *out = mg_list_new(list_t, 0);
    const char *start = s->data, *end = s->data + s->len;
    if (!from_right) {
        const char *p = start;
        if (!sep) {
            while (1) {
                p = mg_space_run(p, end, 1);
                if (p == end) break;
                if (maxsplit == 0) {
                    mg_list_push_str(out, s, p, end - p); /* the rest, trailing space kept */
                    break;
                }
                const char *word = p;
                p = mg_space_run(p, end, 0);
                mg_list_push_str(out, s, word, p - word);
                if (maxsplit > 0) maxsplit--;
            }
            return out;
        }
        const char *hit;
        while (maxsplit != 0 && (hit = mg_memfind(p, end - p, sep->data, sep->len))) {
            mg_list_push_str(out, s, p, hit - p);
            p = hit + sep->len;
            if (maxsplit > 0) maxsplit--;
        }
        mg_list_push_str(out, s, p, end - p);
        return out;
    }
    /* From the right: pieces found last to first, then reversed in place. */
    const char *p = end;
    if (!sep) {
        while (1) {
            const char *q;
            while (p > start && (q = mg_space_before(start, p))) p = q;
            if (p == start) break;
            if (maxsplit == 0) {
                mg_list_push_str(out, s, start, p - start);
                break;
            }
            const char *word_end = p;
            while (p > start && !mg_space_before(start, p)) p = mg_char_before(start, p);
            mg_list_push_str(out, s, p, word_end - p);
            if (maxsplit > 0) maxsplit--;
        }
    } else {
        const char *hit;
        while (maxsplit != 0 && (hit = mg_memrfind(start, p - start, sep->data, sep->len))) {
            mg_list_push_str(out, s, hit + sep->len, p - (hit + sep->len));
            p = hit;
            if (maxsplit > 0) maxsplit--;
        }
        mg_list_push_str(out, s, start, p - start);
    }
    for (int64_t i = 0, j = out->len - 1; i < j; i++, j--) {
        MgSlot t = out->items[i];
        out->items[i] = out->items[j];
        out->items[j] = t;
    }
    return out;
}

/* The length in bytes of the line break at `p` (CPython's str.splitlines breaks), or 0. */
static int mg_line_break_len(const char *p, const char *end) {
    unsigned char c = (unsigned char)*p;
    if (c == '\r') return p + 1 < end && p[1] == '\n' ? 2 : 1;
    if (c == '\n' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e) return 1;
    if (c == 0xc2 && p + 1 < end && (unsigned char)p[1] == 0x85) return 2;
    if (c == 0xe2 && p + 2 < end && (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9)) return 3;
    return 0;
}

MgList *mg_str_splitlines(const MgStr *s, int32_t keepends, const MgType *list_t) {
    MgList *out = mg_list_new(list_t, 0);
    const char *p = s->data, *end = s->data + s->len, *line = p;
    while (p < end) {
        int n = mg_line_break_len(p, end);
        if (!n) {
            p++;
            continue;
        }
        mg_list_push_str(out, s, line, (p - line) + (keepends ? n : 0));
        p += n;
        line = p;
    }
    if (line < end) mg_list_push_str(out, s, line, end - line);
    return out;
}

MgStr *mg_str_removeaffix(const MgStr *s, const MgStr *affix, int32_t suffix) {
    int match = suffix ? mg_str_endswith(s, affix) : mg_str_startswith(s, affix);
    if (!match || affix->len == 0) {
        mg_incref((void *)s);
        return (MgStr *)s;
    }
    return suffix ? mg_str_from(s->data, s->len - affix->len) : mg_str_from(s->data + affix->len, s->len - affix->len);
}

/* The one code point of a fill character, or -1 after raising CPython's TypeError. */
static int64_t mg_fill_char(const MgStr *fill) {
    if (!fill) return ' ';
    if (fill->nchars != 1) {
        mg_raise(MG_TYPE, "The fill character must be exactly one character long");
        return -1;
    }
    int n;
    return mg_utf8_decode((const unsigned char *)fill->data, &n);
}

static void mg_put_fill(MgBuf *b, uint32_t cp, int64_t count) {
    char enc[4];
    int n = mg_utf8_encode(enc, cp);
    for (int64_t i = 0; i < count; i++) mg_buf_put(b, enc, n);
}

/* ljust (0), rjust (1), center (2): CPython's pad(). */
MgStr *mg_str_pad(const MgStr *s, int64_t width, const MgStr *fill, int32_t how) {
    int64_t cp = mg_fill_char(fill);
    if (cp < 0) return NULL;
    if (width <= s->nchars) {
        mg_incref((void *)s);
        return (MgStr *)s;
    }
    int64_t marg = width - s->nchars, left;
    if (how == 0) left = 0;
    else if (how == 1) left = marg;
    else left = marg / 2 + (marg & width & 1);
    MgBuf b = {0, 0, 0};
    mg_put_fill(&b, (uint32_t)cp, left);
    mg_buf_put(&b, s->data, s->len);
    mg_put_fill(&b, (uint32_t)cp, marg - left);
    return mg_str_from_buf(&b);
}

MgStr *mg_str_zfill(const MgStr *s, int64_t width) {
    if (width <= s->nchars) {
        mg_incref((void *)s);
        return (MgStr *)s;
    }
    MgBuf b = {0, 0, 0};
    int64_t skip = s->len > 0 && (s->data[0] == '+' || s->data[0] == '-');
    mg_buf_put(&b, s->data, skip);
    for (int64_t i = 0; i < width - s->nchars; i++) mg_buf_puts(&b, "0");
    mg_buf_put(&b, s->data + skip, s->len - skip);
    return mg_str_from_buf(&b);
}

MgStr *mg_str_expandtabs(const MgStr *s, int64_t tabsize) {
    MgBuf b = {0, 0, 0};
    int64_t column = 0;
    for (int64_t pos = 0; pos < s->len;) {
        int64_t n = mg_char_len_at(s, pos);
        char c = s->data[pos];
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - column % tabsize;
                for (int64_t i = 0; i < spaces; i++) mg_buf_puts(&b, " ");
                column += spaces;
            }
        } else {
            mg_buf_put(&b, s->data + pos, n);
            column = (c == '\n' || c == '\r') ? 0 : column + 1;
        }
        pos += n;
    }
    return mg_str_from_buf(&b);
}

int32_t mg_str_isascii(const MgStr *s) { return s->nchars == s->len; }

/* int(s, base): PyLong_FromString's rules (whitespace and sign, a `0x`/`0o`/`0b` prefix
 * that matches the base or chooses it when base is 0, one underscore between digits and
 * after a prefix, "0" followed by digits only if they are all zeros for base 0). */
int64_t mg_int_from_str_base(const MgStr *s, int64_t base) {
    if ((base != 0 && base < 2) || base > 36) {
        mg_raise(MG_VALUE, "int() base must be >= 2 and <= 36, or 0");
        return 0;
    }
    if (base == 10) return mg_int_from_str(s);
    int64_t len = s->len;
    char *ascii = mg_decimal_and_space_to_ascii(s, &len);
    const char *p = ascii ? ascii : s->data, *end = p + len;
    while (p < end && mg_is_ascii_space(*p)) p++;
    int neg = 0;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    int64_t b = base;
    int zero_only = 0;
    char second = p + 1 < end ? (char)(p[1] | 0x20) : 0;
    if (b == 0) {
        if (p >= end || *p != '0') b = 10;
        else if (second == 'x') b = 16;
        else if (second == 'o') b = 8;
        else if (second == 'b') b = 2;
        else {
            b = 10;
            zero_only = 1;
        }
    }
    if (p < end && *p == '0' && ((b == 16 && second == 'x') || (b == 8 && second == 'o') || (b == 2 && second == 'b'))) {
        p += 2;
        if (p < end && *p == '_') p++;
    }
    uint64_t v = 0;
    int overflow = 0, bad = p == end || *p == '_', digits = 0;
    char prev = 0;
    for (; !bad && p < end; prev = *p++) {
        char c = *p;
        if (c == '_') {
            if (prev == '_') bad = 1;
            continue;
        }
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
        if (d >= b) break;
        digits++;
        overflow |= v > (UINT64_MAX - (uint64_t)d) / (uint64_t)b;
        v = v * (uint64_t)b + (uint64_t)d;
    }
    bad = bad || prev == '_' || digits == 0;
    while (p < end && mg_is_ascii_space(*p)) p++;
    if (!bad && p == end && (b & (b - 1)) != 0 && digits > 4300) {
        free(ascii);
        char msg[160];
        snprintf(msg, sizeof msg,
                 "Exceeds the limit (4300 digits) for integer string conversion: value has %d digits; "
                 "use sys.set_int_max_str_digits() to increase the limit",
                 digits);
        mg_raise(MG_VALUE, msg);
        return 0;
    }
    if (bad || p != end || (zero_only && v != 0)) {
        free(ascii);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "invalid literal for int() with base %lld: ", (long long)base);
        mg_raise_with_repr(MG_VALUE, prefix, s, 200);
        return 0;
    }
    free(ascii);
    if (overflow || (!neg && v > (uint64_t)INT64_MAX) || (neg && v > (uint64_t)INT64_MAX + 1)) {
        mg_raise_overflow();
        return 0;
    }
    return neg ? (int64_t)(0 - v) : (int64_t)v;
}

/* sys.stdout.write(s) (stream 1: print's own path and encoding rules) and
 * sys.stderr.write(s) (stream 2: UTF-8 with backslashreplace, CPython's error handler
 * for stderr); print(..., file=sys.stderr) comes here too.  Returns len(s). */
int64_t mg_stream_write(const MgStr *s, int32_t stream) {
    if (stream == 1) {
        mg_print_str_value(s);
        return mg_current_exc ? 0 : s->nchars;
    }
    const unsigned char *d = (const unsigned char *)s->data;
    int64_t start = 0;
    for (int64_t i = 0; i < s->len;) {
        int n;
        uint32_t cp = mg_utf8_decode(d + i, &n);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            fwrite(d + start, 1, (size_t)(i - start), stderr);
            fprintf(stderr, "\\u%04x", cp);
            start = i + n;
        }
        i += n;
    }
    fwrite(d + start, 1, (size_t)(s->len - start), stderr);
    return s->nchars;
}

void mg_stream_flush(int32_t stream) { fflush(stream == 1 ? MG_OUT : stderr); }

/* s.translate(table): each code point looked up in a dict of int keys whose values are a
 * str (the replacement), an int (a code point) or, in a `V | None` table, None (the
 * character is deleted); characters not in the table stay. */
MgStr *mg_str_translate(const MgStr *s, const MgDict *table) {
    const MgType *v = table->h.type->b;
    int optional = v->kind == MG_T_OPTIONAL;
    int32_t kind = optional ? v->a->kind : v->kind;
    MgBuf b = {0, 0, 0};
    for (int64_t pos = 0; pos < s->len;) {
        int n;
        uint32_t cp = mg_utf8_decode((const unsigned char *)s->data + pos, &n);
        MgSlot value;
        if (!mg_dict_subscript((MgDict *)table, (MgSlot)cp, &value)) {
            if (mg_current_exc) {
                free(b.data);
                return NULL;
            }
            mg_buf_put(&b, s->data + pos, n);
        } else if (optional && value == 0) {
            /* None: deleted */
        } else if (kind == MG_T_STR) {
            const MgStr *r = (const MgStr *)(uintptr_t)value;
            mg_buf_put(&b, r->data, r->len);
        } else {
            int64_t c = optional ? (int64_t)((const MgTuple *)(uintptr_t)value)->items[0] : (int64_t)value;
            if (c < 0 || c > 0x10FFFF) {
                free(b.data);
                mg_raise(MG_VALUE, "character mapping must be in range(0x110000)");
                return NULL;
            }
            char tmp[4];
            mg_buf_put(&b, tmp, mg_utf8_encode(tmp, (uint32_t)c));
        }
        pos += n;
    }
    return mg_str_from_buf(&b);
}

/* str.maketrans(x, y[, z]): the i-th character of x maps to the i-th of y (the last
 * occurrence wins, as each is stored in turn), then each character of z to None. */
MgDict *mg_str_maketrans(const MgStr *x, const MgStr *y, const MgStr *z, const MgType *dict_t, const MgType *box_t) {
    if (x->nchars != y->nchars) {
        mg_raise(MG_VALUE, "the first two maketrans arguments must have equal length");
        return NULL;
    }
    MgDict *d = mg_dict_new(dict_t);
    int boxed = dict_t->b->kind == MG_T_OPTIONAL;
    for (int64_t px = 0, py = 0; px < x->len;) {
        int nx, ny;
        uint32_t from = mg_utf8_decode((const unsigned char *)x->data + px, &nx);
        uint32_t to = mg_utf8_decode((const unsigned char *)y->data + py, &ny);
        if (boxed) {
            MgTuple *box = mg_tuple_new(box_t);
            box->items[0] = to;
            mg_dict_set(d, from, (MgSlot)(uintptr_t)box);
            mg_decref(box);
        } else {
            mg_dict_set(d, from, to);
        }
        px += nx;
        py += ny;
    }
    if (z) {
        for (int64_t pz = 0; pz < z->len;) {
            int nz;
            uint32_t c = mg_utf8_decode((const unsigned char *)z->data + pz, &nz);
            mg_dict_set(d, c, 0);
            pz += nz;
        }
    }
    return d;
}

/* str.maketrans(d) of a dict[str, str]: keys of one character become code points. */
MgDict *mg_str_maketrans_dict(const MgDict *src, const MgType *dict_t) {
    MgDict *d = mg_dict_new(dict_t);
    for (int64_t ix = mg_dict_next(src, 0); ix >= 0; ix = mg_dict_next(src, ix + 1)) {
        const MgStr *k = (const MgStr *)(uintptr_t)mg_dict_entry_key(src, ix);
        if (k->nchars != 1) {
            mg_decref(d);
            mg_raise(MG_VALUE, "string keys in translate table must be of length 1");
            return NULL;
        }
        int n;
        uint32_t cp = mg_utf8_decode((const unsigned char *)k->data, &n);
        mg_dict_set(d, cp, mg_dict_entry_value(src, ix));
    }
    return d;
}

/* ---- the optional start and end of find, count, startswith and their kin ------------ */

/* CPython's ADJUST_INDICES on code point indices (`flags` bit 0: start given, bit 1: end
 * given), then the window's byte offsets; 0 when start is past end (no window at all). */
static int mg_str_window(const MgStr *s, int64_t start, int64_t end, int32_t flags, int64_t *a, int64_t *b) {
    int64_t len = s->nchars;
    if (!(flags & 1)) start = 0;
    if (!(flags & 2)) end = len;
    if (end > len) end = len;
    else if (end < 0) {
        end += len;
        if (end < 0) end = 0;
    }
    if (start < 0) {
        start += len;
        if (start < 0) start = 0;
    }
    if (start > end) return 0;
    *a = mg_str_offset(s, start);
    *b = mg_str_offset(s, end);
    return 1;
}

/* s.find(sub, start, end), rfind, and index/rindex (`raise`): CPython's any_find_slice. */
int64_t mg_str_find_in(const MgStr *s, const MgStr *sub, int64_t start, int64_t end, int32_t flags, int32_t from_right, int32_t raise) {
    int64_t a, b;
    const char *hit = NULL;
    if (mg_str_window(s, start, end, flags, &a, &b))
        hit = from_right ? mg_memrfind(s->data + a, b - a, sub->data, sub->len) : mg_memfind(s->data + a, b - a, sub->data, sub->len);
    if (!hit) {
        if (raise) mg_raise(MG_VALUE, "substring not found");
        return -1;
    }
    return mg_utf8_count(s->data, hit - s->data);
}

/* s.count(sub, start, end): an empty sub counts every position of the window. */
int64_t mg_str_count_in(const MgStr *s, const MgStr *sub, int64_t start, int64_t end, int32_t flags) {
    int64_t a, b;
    if (!mg_str_window(s, start, end, flags, &a, &b)) return 0;
    if (sub->len == 0) return mg_utf8_count(s->data + a, b - a) + 1;
    int64_t n = 0;
    const char *p = s->data + a, *stop = s->data + b;
    while ((p = mg_memfind(p, stop - p, sub->data, sub->len))) {
        n++;
        p += sub->len;
    }
    return n;
}

/* s.startswith(prefix, start, end) / s.endswith(suffix, ...) (`suffix`): CPython's
 * tailmatch, the affix compared at the window's start or end. */
int32_t mg_str_affix_in(const MgStr *s, const MgStr *affix, int64_t start, int64_t end, int32_t flags, int32_t suffix) {
    int64_t a, b;
    if (!mg_str_window(s, start, end, flags, &a, &b)) return 0;
    if (affix->len > b - a) return 0;
    const char *at = suffix ? s->data + b - affix->len : s->data + a;
    return memcmp(at, affix->data, (size_t)affix->len) == 0;
}

/* s.replace(old, new, count): the first `count` occurrences (all when count < 0). */
MgStr *mg_str_replace_n(const MgStr *s, const MgStr *old, const MgStr *new_, int64_t count) {
    if (count < 0) return mg_str_replace(s, old, new_);
    MgBuf b = {0, 0, 0};
    const char *p = s->data, *end = s->data + s->len;
    if (old->len == 0) {
        /* CPython inserts `new` before each of the first `count` characters (and at the end
         * when the count reaches past them). */
        int64_t done = 0;
        while (done < count) {
            mg_buf_put(&b, new_->data, new_->len);
            done++;
            if (p == end) break;
            int n;
            mg_utf8_decode((const unsigned char *)p, &n);
            mg_buf_put(&b, p, n);
            p += n;
        }
        mg_buf_put(&b, p, end - p);
        return mg_str_from_buf(&b);
    }
    const char *hit;
    for (int64_t done = 0; done < count && (hit = mg_memfind(p, end - p, old->data, old->len)); done++) {
        mg_buf_put(&b, p, hit - p);
        mg_buf_put(&b, new_->data, new_->len);
        p = hit + old->len;
    }
    mg_buf_put(&b, p, end - p);
    return mg_str_from_buf(&b);
}

