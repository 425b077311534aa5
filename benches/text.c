#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *WORDS[] = {
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "lorem", "ipsum",
    "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod",
    "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim",
    "ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris",
    "nisi", "aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute", "irure", "in",
    "reprehenderit", "voluptate", "velit", "esse", "cillum", "fugiat", "nulla", "pariatur",
};
static const char PUNCT[] = ",.;!?:";

/* Growable byte buffer. */
typedef struct { char *data; size_t len, cap; } Buf;

static void buf_reserve(Buf *b, size_t n) {
    if (b->len + n + 1 > b->cap) {
        while (b->len + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 256;
        b->data = realloc(b->data, b->cap);
    }
}

static void buf_put(Buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

/* Open-addressing hash table (linear probing) from word to count. */
typedef struct { char *key; size_t len; long count; } Slot;
typedef struct { Slot *slots; size_t cap, len; } Table;

static uint64_t hash_str(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    return h;
}

static void table_grow(Table *t) {
    size_t old_cap = t->cap;
    Slot *old = t->slots;
    t->cap = old_cap ? old_cap * 2 : 64;
    t->slots = calloc(t->cap, sizeof(Slot));
    for (size_t j = 0; j < old_cap; j++) {
        if (!old[j].key) continue;
        size_t i = hash_str(old[j].key, old[j].len) & (t->cap - 1);
        while (t->slots[i].key) i = (i + 1) & (t->cap - 1);
        t->slots[i] = old[j];
    }
    free(old);
}

static void table_add(Table *t, const char *s, size_t n) {
    if ((t->len + 1) * 2 > t->cap) table_grow(t);
    size_t i = hash_str(s, n) & (t->cap - 1);
    while (t->slots[i].key) {
        if (t->slots[i].len == n && memcmp(t->slots[i].key, s, n) == 0) { t->slots[i].count++; return; }
        i = (i + 1) & (t->cap - 1);
    }
    char *k = malloc(n + 1);
    memcpy(k, s, n);
    k[n] = 0;
    t->slots[i] = (Slot){k, n, 1};
    t->len++;
}

/* 1234567 -> "1,234,567" (Python's `,` format option). */
static const char *grouped(long v, char *out) {
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%ld", v), k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = 0;
    return out;
}

static size_t count_sub(const char *hay, const char *needle) {
    size_t c = 0, nl = strlen(needle);
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += nl) c++;
    return c;
}

static int by_count_then_word(const void *pa, const void *pb) {
    const Slot *a = pa, *b = pb;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return strcmp(a->key, b->key);
}

static int is_punct(char c) { return c && strchr(".,;:!?", c) != NULL; }

static char *make_text(long n_lines, size_t *len) {
    Buf text = {0};
    long state = 42;
    char word[32];
    for (long i = 0; i < n_lines; i++) {
        state = (state * 1103515245L + 12345) % 2147483648L;
        long n = 4 + state % 11;
        if (i % 3 == 0) buf_put(&text, "    ", 4);
        for (long j = 0; j < n; j++) {
            state = (state * 1103515245L + 12345) % 2147483648L;
            const char *w = WORDS[state % 54];
            size_t wl = strlen(w);
            for (size_t k = 0; k < wl; k++) {
                int up = (j == 0 && k == 0) || (j != 0 && state % 17 == 0);
                word[k] = up ? (char)toupper((unsigned char)w[k]) : w[k];
            }
            if (state % 7 == 0) word[wl++] = PUNCT[state / 7 % 6];
            if (j > 0) buf_put(&text, " ", 1);
            buf_put(&text, word, wl);
        }
        if (i % 5 == 0) buf_put(&text, "  ", 2);
        buf_put(&text, "\n", 1);
    }
    *len = text.len;
    return text.data;
}

int main(int argc, char **argv) {
    long n_lines = argc > 1 ? atol(argv[1]) : 300000;
    size_t text_len;
    char *text = make_text(n_lines, &text_len);
    Table counts = {0};
    Buf report = {0};
    size_t *row_start = NULL, rows_cap = 0;
    long total_words = 0, total_chars = 0, questions = 0, headed = 0, number = 0;
    const char *words[64];
    size_t word_len[64];
    char lowered[64], title[1024], last_upper[64], row[256];
    for (const char *p = text, *end = text + text_len; p <= end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *a = p, *b = nl ? nl : end;
        p = b + 1;
        while (a < b && isspace((unsigned char)*a)) a++;
        while (b > a && isspace((unsigned char)b[-1])) b--;
        size_t line_len = (size_t)(b - a);
        if (line_len == 0) continue;
        number++;
        if (b[-1] == '?') questions++;
        if ((line_len >= 4 && memcmp(a, "The ", 4) == 0) || (line_len >= 5 && memcmp(a, "Lorem", 5) == 0)) headed++;
        int n_words = 0;
        for (const char *q = a; q < b;) {
            while (q < b && isspace((unsigned char)*q)) q++;
            if (q == b) break;
            words[n_words] = q;
            while (q < b && !isspace((unsigned char)*q)) q++;
            word_len[n_words] = (size_t)(q - words[n_words]);
            n_words++;
        }
        total_words += n_words;
        for (int k = 0; k < n_words; k++) {
            const char *w = words[k], *we = w + word_len[k];
            while (w < we && is_punct(*w)) w++;
            while (we > w && is_punct(we[-1])) we--;
            size_t n = (size_t)(we - w);
            for (size_t c = 0; c < n; c++) lowered[c] = (char)tolower((unsigned char)w[c]);
            total_chars += (long)n;
            table_add(&counts, lowered, n);
        }
        /* title(), then "Lorem" -> "LOREM" */
        int prev_cased = 0;
        for (size_t c = 0; c < line_len; c++) {
            unsigned char ch = (unsigned char)a[c];
            int cased = isalpha(ch);
            title[c] = cased ? (char)(prev_cased ? tolower(ch) : toupper(ch)) : (char)ch;
            prev_cased = cased;
        }
        title[line_len] = 0;
        for (char *hit = title; (hit = strstr(hit, "Lorem")) != NULL; hit += 5) memcpy(hit, "LOREM", 5);
        double density = (double)line_len / n_words;
        size_t lw = word_len[n_words - 1];
        for (size_t c = 0; c < lw; c++) last_upper[c] = (char)toupper((unsigned char)words[n_words - 1][c]);
        last_upper[lw] = 0;
        int rl = snprintf(row, sizeof row, "%7ld | %3d %6.2f | %-24.24s | %14s", number, n_words, density, title, last_upper);
        if ((size_t)number > rows_cap) {
            rows_cap = rows_cap ? rows_cap * 2 : 1024;
            row_start = realloc(row_start, rows_cap * sizeof *row_start);
        }
        if (number > 1) buf_put(&report, "\n", 1);
        row_start[number - 1] = report.len;
        buf_put(&report, row, (size_t)rl);
    }
    char g1[32];
    printf("lines %ld, words %s, distinct %zu\n", number, grouped(total_words, g1), counts.len);
    printf("questions %ld (%.3f%%), headed %ld\n", questions, (double)questions / number * 100.0, headed);
    printf("mean word length %.4f\n", (double)total_chars / total_words);
    printf("%zu %zu %zu\n", report.len, count_sub(report.data, "LOREM"), count_sub(report.data, " | "));
    for (long r = 0; r < number; r++) {
        if (r >= 3 && r < number - 3) r = number - 3;
        size_t s = row_start[r], e = r + 1 < number ? row_start[r + 1] - 1 : report.len;
        printf("%.*s\n", (int)(e - s), report.data + s);
    }
    Slot *ranked = malloc(counts.len * sizeof(Slot));
    size_t k = 0;
    for (size_t i = 0; i < counts.cap; i++)
        if (counts.slots[i].key) ranked[k++] = counts.slots[i];
    qsort(ranked, k, sizeof(Slot), by_count_then_word);
    for (size_t i = 0; i < k && i < 12; i++)
        printf("%-14s%9s%9.3f%%\n", ranked[i].key, grouped(ranked[i].count, g1), 100.0 * ranked[i].count / total_words);
    for (size_t i = 0; i < counts.cap; i++) free(counts.slots[i].key);
    free(counts.slots);
    free(ranked);
    free(row_start);
    free(report.data);
    free(text);
    return 0;
}
