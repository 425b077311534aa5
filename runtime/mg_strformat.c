/* str.format: CPython's MarkupIterator and field rendering (Objects/stringlib/
 * unicode_format.h), over the arguments generated code passes as two boxed tuples
 * (positional, keyword) and the keyword names joined by ','.
 *
 * Literal text with `{{` and `}}`, replacement fields `{name!conv:spec}` with automatic or
 * manual numbering and keyword names, specs that hold nested fields (`{:{width}}`, one
 * level deep as in CPython), and CPython's ValueError, IndexError and KeyError messages.
 * A field name with `.attr` or `[index]` raises NotImplementedError: the value it names
 * has no static type here. */
#include "mg_internal.h"

typedef struct {
    const char *s;
    int64_t len;
} MgSpan;

typedef struct {
    const MgTuple *args, *kwargs;
    const MgStr *names;
    const MgDict *mapping; /* format_map's: where named fields are looked up, or NULL */
    int auto_state;  /* 0: not yet known, 1: automatic numbering, 2: manual */
    int64_t next_auto;
} MgFmtCtx;

/* The type name CPython's object.__format__ names in its TypeError. */
static const char *mg_type_name(const MgType *t) {
    switch (t->kind) {
    case MG_T_LIST: return "list";
    case MG_T_DICT: return "dict";
    case MG_T_SET: return "set";
    case MG_T_DEQUE: return "collections.deque";
    case MG_T_TUPLE: case MG_T_VARTUPLE: return "tuple";
    case MG_T_NONE: return "NoneType";
    case MG_T_INSTANCE: return t->name;
    case MG_T_INT: return "int";
    case MG_T_FLOAT: return "float";
    case MG_T_BOOL: return "bool";
    case MG_T_STR: return "str";
    case MG_T_OPTIONAL: return "NoneType";
    }
    return "object";
}

/* format(value, spec) into `b`: 0 when an exception is pending. */
static int mg_render(MgBuf *b, const MgType *t, MgSlot v, char conv, MgSpan spec) {
    MgStr *conv_str = NULL;
    if (conv) {
        conv_str = conv == 's' ? mg_str_of(t, v) : conv == 'r' ? mg_repr_of(t, v) : mg_ascii_of(t, v);
        if (!conv_str) return 0;
        t = &mg_type_str;
        v = (MgSlot)(uintptr_t)conv_str;
    }
    if (t->kind == MG_T_OPTIONAL && v != 0) {
        v = mg_optional_value(t, v);
        t = t->a;
    } else if (t->kind == MG_T_OPTIONAL) {
        t = &mg_type_none;
    }
    MgStr *spec_str = mg_str_from(spec.s, spec.len);
    MgStr *out = NULL;
    switch (t->kind) {
    case MG_T_INT: out = mg_format_int_spec((int64_t)v, spec_str, 0); break;
    case MG_T_BOOL: out = mg_format_int_spec((int64_t)v, spec_str, 1); break;
    case MG_T_FLOAT: out = mg_format_float_spec(mg_slot_f(v), spec_str); break;
    case MG_T_STR: out = mg_format_str_spec((const MgStr *)(uintptr_t)v, spec_str); break;
    default:
        /* object.__format__: str(self) for an empty spec, else a TypeError. */
        if (spec.len == 0) {
            out = mg_str_of(t, v);
        } else {
            char msg[200];
            snprintf(msg, sizeof msg, "unsupported format string passed to %s.__format__", mg_type_name(t));
            mg_raise(MG_TYPE, msg);
        }
        break;
    }
    mg_decref(spec_str);
    mg_decref(conv_str);
    if (!out) return 0;
    mg_buf_put(b, out->data, out->len);
    mg_decref(out);
    return 1;
}

/* The argument a field name names, or 0 with an exception pending. */
static int mg_field_value(MgFmtCtx *c, MgSpan name, const MgType **t, MgSlot *v) {
    int64_t first = 0;
    while (first < name.len && name.s[first] != '.' && name.s[first] != '[') first++;
    if (first < name.len) {
        mg_raise(MG_NOT_IMPLEMENTED, "multigen's str.format takes plain field names: no `.attribute` or `[index]`");
        return 0;
    }
    int numeric = name.len > 0;
    for (int64_t i = 0; i < name.len; i++)
        if (name.s[i] < '0' || name.s[i] > '9') numeric = 0;
    if (c->mapping && (name.len == 0 || numeric)) {
        mg_raise(MG_VALUE, "Format string contains positional fields");
        return 0;
    }
    if (c->mapping) {
        MgStr *key = mg_str_from(name.s, name.len);
        int found = mg_dict_subscript((MgDict *)c->mapping, (MgSlot)(uintptr_t)key, v);
        if (found) {
            *t = c->mapping->h.type->b;
        } else if (!mg_current_exc) {
            MgBuf b = {0, 0, 0};
            mg_str_repr_into(&b, key);
            mg_raise(MG_KEY, b.data);
            free(b.data);
        }
        mg_decref(key);
        return found;
    }
    if (name.len == 0 || numeric) {
        int64_t index = 0;
        if (name.len == 0) {
            if (c->auto_state == 2) {
                mg_raise(MG_VALUE, "cannot switch from manual field specification to automatic field numbering");
                return 0;
            }
            c->auto_state = 1;
            index = c->next_auto++;
        } else {
            if (c->auto_state == 1) {
                mg_raise(MG_VALUE, "cannot switch from automatic field numbering to manual field specification");
                return 0;
            }
            c->auto_state = 2;
            for (int64_t i = 0; i < name.len; i++) {
                if (index > (INT64_MAX - 9) / 10) {
                    mg_raise(MG_VALUE, "Too many decimal digits in format string");
                    return 0;
                }
                index = index * 10 + (name.s[i] - '0');
            }
        }
        if (index >= c->args->len) {
            char msg[120];
            snprintf(msg, sizeof msg, "Replacement index %lld out of range for positional args tuple", (long long)index);
            mg_raise(MG_INDEX, msg);
            return 0;
        }
        *t = c->args->h.type->fields[index];
        *v = c->args->items[index];
        return 1;
    }
    int64_t k = mg_keyword_index(c->names, name.s, name.len);
    if (k < 0) return 0;
    *t = c->kwargs->h.type->fields[k];
    *v = c->kwargs->items[k];
    return 1;
}

/* The position of `key` among `names` (joined by ','), or -1 after raising CPython's
 * KeyError(key): the keywords of str.format and the keys of a dict display after `%`. */
int64_t mg_keyword_index(const MgStr *names, const char *key, int64_t keylen) {
    const char *p = names->data, *end = p + names->len;
    for (int64_t k = 0; p < end; k++) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        int64_t n = comma ? comma - p : end - p;
        if (n == keylen && memcmp(p, key, (size_t)n) == 0) return k;
        p += n + 1;
    }
    MgStr *k = mg_str_from(key, keylen);
    MgBuf b = {0, 0, 0};
    mg_str_repr_into(&b, k);
    mg_decref(k);
    mg_raise(MG_KEY, b.data);
    free(b.data);
    return -1;
}

static int mg_format_into(MgBuf *out, MgFmtCtx *c, MgSpan fmt, int depth);

/* A field, from just after its '{': parses it (CPython's parse_field), advancing *pos past
 * its '}', then renders it. */
static int mg_field(MgBuf *out, MgFmtCtx *c, MgSpan fmt, int64_t *pos, int depth) {
    int64_t i = *pos, name_start = i;
    char ch = 0;
    /* The field name ends at a '}', a ':' or a '!' (brackets are skipped whole). */
    while (i < fmt.len) {
        ch = fmt.s[i++];
        if (ch == '{') {
            mg_raise(MG_VALUE, "unexpected '{' in field name");
            return 0;
        }
        if (ch == '[') {
            while (i < fmt.len && fmt.s[i] != ']') i++;
            continue;
        }
        if (ch == '}' || ch == ':' || ch == '!') break;
    }
    MgSpan name = {fmt.s + name_start, i - 1 - name_start};
    char conv = 0;
    MgSpan spec = {fmt.s + i, 0};
    int expand = 0;
    if (ch == '!' || ch == ':') {
        int done = 0;
        if (ch == '!') {
            if (i >= fmt.len) {
                mg_raise(MG_VALUE, "end of string while looking for conversion specifier");
                return 0;
            }
            conv = fmt.s[i++];
            if (i < fmt.len) {
                char next = fmt.s[i++];
                if (next == '}') {
                    done = 1;
                } else if (next != ':') {
                    mg_raise(MG_VALUE, "expected ':' after conversion specifier");
                    return 0;
                }
            }
        }
        if (!done) {
            int64_t spec_start = i, count = 1;
            while (i < fmt.len) {
                char sc = fmt.s[i++];
                if (sc == '{') {
                    expand = 1;
                    count++;
                } else if (sc == '}' && --count == 0) {
                    break;
                }
            }
            if (count > 0) {
                mg_raise(MG_VALUE, "unmatched '{' in format spec");
                return 0;
            }
            spec = (MgSpan){fmt.s + spec_start, i - 1 - spec_start};
        }
    } else if (ch != '}') {
        mg_raise(MG_VALUE, "expected '}' before end of string");
        return 0;
    }
    *pos = i;
    const MgType *t;
    MgSlot v;
    if (!mg_field_value(c, name, &t, &v)) return 0;
    if (conv && conv != 'r' && conv != 's' && conv != 'a') {
        char msg[64];
        if ((unsigned char)conv > 32 && (unsigned char)conv < 128)
            snprintf(msg, sizeof msg, "Unknown conversion specifier %c", conv);
        else
            snprintf(msg, sizeof msg, "Unknown conversion specifier \\x%x", (unsigned)(unsigned char)conv);
        mg_raise(MG_VALUE, msg);
        return 0;
    }
    if (!expand) return mg_render(out, t, v, conv, spec);
    /* A spec with fields of its own is formatted first, one level further down. */
    MgBuf expanded = {0, 0, 0};
    int ok = mg_format_into(&expanded, c, spec, depth - 1);
    if (ok) ok = mg_render(out, t, v, conv, (MgSpan){expanded.data ? expanded.data : "", expanded.len});
    free(expanded.data);
    return ok;
}

/* CPython's MarkupIterator over `fmt`, rendering into `out`. */
static int mg_format_into(MgBuf *out, MgFmtCtx *c, MgSpan fmt, int depth) {
    if (depth <= 0) {
        mg_raise(MG_VALUE, "Max string recursion exceeded");
        return 0;
    }
    int64_t pos = 0;
    while (pos < fmt.len) {
        int64_t start = pos;
        char ch = 0;
        int markup = 0;
        while (pos < fmt.len) {
            ch = fmt.s[pos++];
            if (ch == '{' || ch == '}') {
                markup = 1;
                break;
            }
        }
        int at_end = pos >= fmt.len;
        int64_t len = pos - start;
        if (ch == '}' && (at_end || fmt.s[pos] != '}')) {
            mg_raise(MG_VALUE, "Single '}' encountered in format string");
            return 0;
        }
        if (at_end && ch == '{') {
            mg_raise(MG_VALUE, "Single '{' encountered in format string");
            return 0;
        }
        if (!at_end) {
            if (fmt.s[pos] == ch) {
                pos++; /* `{{` or `}}`: one brace of literal text */
                markup = 0;
            } else {
                len--;
            }
        }
        mg_buf_put(out, fmt.s + start, len);
        if (markup && !mg_field(out, c, fmt, &pos, depth)) return 0;
    }
    return 1;
}

MgStr *mg_str_format(const MgStr *fmt, const MgTuple *args, const MgTuple *kwargs, const MgStr *names) {
    MgFmtCtx c = {args, kwargs, names, NULL, 0, 0};
    MgBuf b = {0, 0, 0};
    if (!mg_format_into(&b, &c, (MgSpan){fmt->data, fmt->len}, 2)) {
        free(b.data);
        return NULL;
    }
    return mg_str_from_buf(&b);
}

/* fmt.format_map(mapping): named fields looked up in a dict[str, V] as they come. */
MgStr *mg_str_format_map(const MgStr *fmt, const MgDict *mapping) {
    MgFmtCtx c = {NULL, NULL, NULL, mapping, 0, 0};
    MgBuf b = {0, 0, 0};
    if (!mg_format_into(&b, &c, (MgSpan){fmt->data, fmt->len}, 2)) {
        free(b.data);
        return NULL;
    }
    return mg_str_from_buf(&b);
}
