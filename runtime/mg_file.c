/* Text files opened for reading: `open(path)`, `read()`, `readline()`, `readlines()`,
 * iteration and `close()`, as CPython 3.11's io.TextIOWrapper over a BufferedReader does
 * them, so that what a program sees (the text, the lines, and where a decoding error is
 * found and how it is worded) is CPython's:
 * - the file is read in chunks of 8192 bytes (TextIOWrapper's `_CHUNK_SIZE`; BufferedReader's
 *   `read1` makes one raw read of that size when nothing is buffered), and each chunk goes
 *   through the incremental UTF-8 decoder (`codecs.utf_8_decode` with `final` only at end of
 *   file), which keeps an incomplete sequence at the end for the next chunk; `read()` decodes
 *   everything that is left in one call, as CPython's `read(-1)` does;
 * - the decoder is `unicode_decode_utf8`/`utf8_decode` of Objects/unicodeobject.c and
 *   Objects/stringlib/codecs.h, error for error ("invalid start byte", "invalid
 *   continuation byte" over one to three bytes, "unexpected end of data"), the positions
 *   relative to the decoder's input (the pending bytes, then the chunk);
 * - universal newlines as `IncrementalNewlineDecoder` with `translate=True`: a `\r` ending a
 *   chunk waits for the next one, then `\r\n` and `\r` become `\n`.
 * A file closes when `close()` is called, at the end of a `with` block, or when freed. */
#include "mg_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <sys/stat.h>
#include <unistd.h>

#define MG_CHUNK 8192

struct MgFile {
    MgObj h;
    int fd;            /* -1 once closed */
    int eof;           /* the decoder had its final input */
    int pendingcr;     /* a `\r` that ended the last decoded text, not yet translated */
    int raw_newlines;  /* newline="\n": no translation (sys.stdin on POSIX, as CPython makes it) */
    int writable;      /* opened with "w" or "a": written through `out`, never read */
    MgBuf out;         /* encoded text not yet written (flushed at 8192 bytes, flush, close) */
    MgStr *name;       /* the path as given, for repr */
    MgStr *mode;       /* the mode as given, for repr */
    char *encoding;    /* for repr: as given, or the locale's default */
    unsigned char *pending; /* an incomplete UTF-8 sequence that ended the last chunk */
    int64_t n_pending;
    MgBuf decoded;     /* decoded text (UTF-8, newlines translated); what precedes `pos` was returned */
    int64_t pos;
};

static const MgType mg_type_file = {.kind = MG_T_FILE};

size_t mg_file_size(void) { return sizeof(MgFile); }

static void mg_file_release_buffers(MgFile *f) {
    free(f->pending);
    f->pending = NULL;
    f->n_pending = 0;
    free(f->decoded.data);
    f->decoded = (MgBuf){0, 0, 0};
    f->pos = 0;
}

static int mg_file_flush_out(MgFile *f);

void mg_file_close(MgFile *f) {
    if (f->fd >= 0 && f->writable) mg_file_flush_out(f);
    free(f->out.data);
    f->out = (MgBuf){0, 0, 0};
    if (f->fd >= 0) close(f->fd);
    f->fd = -1;
    mg_file_release_buffers(f);
}

void mg_file_free(MgFile *f) {
    mg_file_close(f);
    mg_decref(f->name);
    mg_decref(f->mode);
    free(f->encoding);
}

/* `<_io.TextIOWrapper name='x.txt' mode='r' encoding='UTF-8'>`. */
void mg_file_repr_into(MgBuf *b, const MgFile *f) {
    mg_buf_puts(b, "<_io.TextIOWrapper name=");
    mg_str_repr_into(b, f->name);
    mg_buf_puts(b, " mode=");
    mg_str_repr_into(b, f->mode);
    mg_buf_puts(b, " encoding='");
    mg_buf_puts(b, f->encoding);
    mg_buf_puts(b, "'>");
}

/* ---- errors -------------------------------------------------------------------------- */

/* CPython's errno → OSError subclass map (Objects/exceptions.c), for the errors open() meets. */
static int32_t mg_os_error_kind(int err) {
    switch (err) {
    case ENOENT: return MG_FILE_NOT_FOUND;
    case EISDIR: return MG_IS_A_DIRECTORY;
    case ENOTDIR: return MG_NOT_A_DIRECTORY;
    case EACCES: case EPERM: return MG_PERMISSION;
    default: return MG_OS;
    }
}

/* `[Errno 2] No such file or directory: 'x.txt'`; repr `FileNotFoundError(2, 'No such ...')`. */
static void mg_raise_errno(int err, const MgStr *path) {
    const char *text = strerror(err);
    MgBuf msg = {0, 0, 0}, args = {0, 0, 0};
    char num[24];
    snprintf(num, sizeof num, "%d", err);
    mg_buf_puts(&msg, "[Errno ");
    mg_buf_puts(&msg, num);
    mg_buf_puts(&msg, "] ");
    mg_buf_puts(&msg, text);
    if (path) {
        mg_buf_puts(&msg, ": ");
        mg_str_repr_into(&msg, path);
    }
    MgStr *text_str = mg_str_from(text, (int64_t)strlen(text));
    mg_buf_puts(&args, num);
    mg_buf_puts(&args, ", ");
    mg_str_repr_into(&args, text_str);
    mg_decref(text_str);
    mg_raise_with_args(mg_os_error_kind(err), msg.data, args.data);
    free(msg.data);
    free(args.data);
}

static int mg_file_check_open(const MgFile *f) {
    if (f->fd >= 0) return 1;
    mg_raise(MG_VALUE, "I/O operation on closed file.");
    return 0;
}

/* Open, and opened for reading (io.UnsupportedOperation otherwise, as CPython). */
static int mg_file_check_readable(const MgFile *f) {
    if (!mg_file_check_open(f)) return 0;
    if (!f->writable) return 1;
    mg_raise(MG_UNSUPPORTED_OPERATION, "not readable");
    return 0;
}

/* bytes' repr (Objects/bytesobject.c, PyBytes_Repr). */
static void mg_bytes_repr_into(MgBuf *b, const unsigned char *p, int64_t n) {
    int squote = memchr(p, '\'', (size_t)n) != NULL, dquote = memchr(p, '"', (size_t)n) != NULL;
    char quote = squote && !dquote ? '"' : '\'';
    mg_buf_puts(b, "b");
    mg_buf_put(b, &quote, 1);
    for (int64_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        char tmp[8];
        if (c == (unsigned char)quote || c == '\\') snprintf(tmp, sizeof tmp, "\\%c", c);
        else if (c == '\t') strcpy(tmp, "\\t");
        else if (c == '\n') strcpy(tmp, "\\n");
        else if (c == '\r') strcpy(tmp, "\\r");
        else if (c < ' ' || c >= 0x7f) snprintf(tmp, sizeof tmp, "\\x%02x", c);
        else snprintf(tmp, sizeof tmp, "%c", c);
        mg_buf_puts(b, tmp);
    }
    mg_buf_put(b, &quote, 1);
}

/* UnicodeDecodeError over the decoder's input `data`, bytes [start, end). */
static void mg_raise_decode_error(const unsigned char *data, int64_t n, int64_t start, int64_t end, const char *reason) {
    char msg[160];
    if (start < n && end == start + 1)
        snprintf(msg, sizeof msg, "'utf-8' codec can't decode byte 0x%02x in position %lld: %s", data[start], (long long)start, reason);
    else
        snprintf(msg, sizeof msg, "'utf-8' codec can't decode bytes in position %lld-%lld: %s", (long long)start, (long long)end - 1, reason);
    MgBuf args = {0, 0, 0};
    mg_buf_puts(&args, "'utf-8', ");
    mg_bytes_repr_into(&args, data, n);
    char tail[96];
    snprintf(tail, sizeof tail, ", %lld, %lld, '%s'", (long long)start, (long long)end, reason);
    mg_buf_puts(&args, tail);
    mg_raise_with_args(MG_UNICODE_DECODE, msg, args.data);
    free(args.data);
    /* CPython's UTF-8 incremental decoder is Python code (codecs.BufferedIncrementalDecoder),
     * whose frame ends the traceback, without a source line. */
    mg_tb_add("<frozen codecs>", 322, "decode", NULL);
}

/* ---- decoding ------------------------------------------------------------------------ */

#define MG_CONT(c) ((c) >= 0x80 && (c) < 0xC0)

/* One step of CPython's `utf8_decode` at `s`: the length of a valid character (> 0), or
 * its error code negated: 0 the data ends inside a character, -1 invalid start byte, -2..-4
 * invalid continuation byte (the code minus one is how many bytes the error covers). */
static int mg_utf8_step(const unsigned char *s, const unsigned char *end) {
    unsigned ch = s[0];
    if (ch < 0x80) return 1;
    if (ch < 0xE0) {
        if (ch < 0xC2) return -1;
        if (end - s < 2) return 0;
        if (!MG_CONT(s[1])) return -2;
        return 2;
    }
    if (ch < 0xF0) {
        if (end - s < 3) {
            if (end - s < 2) return 0;
            unsigned ch2 = s[1];
            if (!MG_CONT(ch2) || (ch2 < 0xA0 ? ch == 0xE0 : ch == 0xED)) return -2;
            return 0;
        }
        unsigned ch2 = s[1], ch3 = s[2];
        if (!MG_CONT(ch2)) return -2;
        if (ch == 0xE0 && ch2 < 0xA0) return -2;
        if (ch == 0xED && ch2 >= 0xA0) return -2;
        if (!MG_CONT(ch3)) return -3;
        return 3;
    }
    if (ch < 0xF5) {
        if (end - s < 4) {
            if (end - s < 2) return 0;
            unsigned ch2 = s[1];
            if (!MG_CONT(ch2) || (ch2 < 0x90 ? ch == 0xF0 : ch == 0xF4)) return -2;
            if (end - s < 3) return 0;
            if (!MG_CONT(s[2])) return -3;
            return 0;
        }
        unsigned ch2 = s[1], ch3 = s[2], ch4 = s[3];
        if (!MG_CONT(ch2)) return -2;
        if (ch == 0xF0 && ch2 < 0x90) return -2;
        if (ch == 0xF4 && ch2 >= 0x90) return -2;
        if (!MG_CONT(ch3)) return -3;
        if (!MG_CONT(ch4)) return -4;
        return 4;
    }
    return -1;
}

/* Appends `n` bytes of decoded text to the file's text, translating newlines. */
static void mg_file_put_text(MgFile *f, const char *text, int64_t n, int final) {
    MgBuf *d = &f->decoded;
    if (f->raw_newlines) {
        mg_buf_put(d, text, n);
        return;
    }
    if (f->pendingcr && (n > 0 || final)) {
        f->pendingcr = 0;
        /* The waiting `\r`: a `\n` that starts this text makes it one newline. */
        mg_buf_put(d, "\n", 1);
        if (n > 0 && text[0] == '\n') {
            text++;
            n--;
        }
    }
    if (n > 0 && text[n - 1] == '\r' && !final) {
        n--;
        f->pendingcr = 1;
    }
    mg_buf_reserve(d, n);
    for (int64_t i = 0; i < n; i++) {
        char c = text[i];
        if (c == '\r') {
            c = '\n';
            if (i + 1 < n && text[i + 1] == '\n') i++;
        }
        d->data[d->len++] = c;
    }
    d->data[d->len] = 0;
}

/* Decodes the pending bytes then `data`, as the incremental decoder's `decode(data, final)`;
 * 0 with UnicodeDecodeError pending on invalid input (nothing of this input is kept). */
static int mg_file_decode(MgFile *f, const unsigned char *data, int64_t n, int final) {
    const unsigned char *in = data;
    unsigned char *joined = NULL;
    int64_t len = n;
    if (f->n_pending) {
        len = f->n_pending + n;
        joined = mg_alloc((size_t)len + 1);
        memcpy(joined, f->pending, (size_t)f->n_pending);
        if (n) memcpy(joined + f->n_pending, data, (size_t)n);
        in = joined;
    }
    const unsigned char *s = in, *end = in + len;
    while (s < end) {
        int step = mg_utf8_step(s, end);
        if (step > 0) {
            s += step;
            continue;
        }
        int64_t start = s - in;
        /* A surrogate's first two bytes may still be a character's start to a decoder that
         * has not seen the end (CPython's "truncated surrogate" case). */
        int truncated_surrogate = step == -2 && !final && s[0] == 0xED && end - s == 2 && s[1] >= 0xA0 && s[1] <= 0xBF;
        if ((step == 0 && !final) || truncated_surrogate) break;
        if (step == 0)
            mg_raise_decode_error(in, len, start, len, "unexpected end of data");
        else if (step == -1)
            mg_raise_decode_error(in, len, start, start + 1, "invalid start byte");
        else
            mg_raise_decode_error(in, len, start, start - step - 1, "invalid continuation byte");
        free(joined);
        return 0;
    }
    int64_t valid = s - in;
    mg_file_put_text(f, (const char *)in, valid, final);
    int64_t rest = len - valid;
    unsigned char *pending = rest ? mg_alloc((size_t)rest) : NULL;
    if (rest) memcpy(pending, s, (size_t)rest);
    free(f->pending);
    f->pending = pending;
    f->n_pending = rest;
    free(joined);
    return 1;
}

/* One raw read, retried when a signal interrupts it; -1 with OSError pending. */
static ssize_t mg_file_raw_read(MgFile *f, unsigned char *buf, size_t n) {
    ssize_t got;
    do got = read(f->fd, buf, n);
    while (got < 0 && errno == EINTR);
    if (got < 0) mg_raise_errno(errno, NULL);
    return got;
}

/* TextIOWrapper's read_chunk: one chunk through the decoder; 0 with an exception pending. */
static int mg_file_read_chunk(MgFile *f) {
    unsigned char buf[MG_CHUNK];
    ssize_t got = mg_file_raw_read(f, buf, sizeof buf);
    if (got < 0) return 0;
    if (!mg_file_decode(f, buf, got, got == 0)) return 0;
    if (got == 0) f->eof = 1;
    return 1;
}

/* The decoded text from `pos` to `upto` as a str, which is then consumed. */
static MgStr *mg_file_take(MgFile *f, int64_t upto) {
    MgStr *s = mg_str_from(f->decoded.data ? f->decoded.data + f->pos : "", upto - f->pos);
    f->pos = upto;
    if (f->pos == f->decoded.len) {
        f->pos = f->decoded.len = 0;
    } else if (f->pos > (1 << 16) && f->pos > f->decoded.len / 2) {
        memmove(f->decoded.data, f->decoded.data + f->pos, (size_t)(f->decoded.len - f->pos));
        f->decoded.len -= f->pos;
        f->pos = 0;
    }
    return s;
}

MgStr *mg_file_readline(MgFile *f) {
    if (!mg_file_check_readable(f)) return NULL;
    int64_t searched = f->pos;
    for (;;) {
        const char *d = f->decoded.data;
        const char *nl = d ? memchr(d + searched, '\n', (size_t)(f->decoded.len - searched)) : NULL;
        if (nl) return mg_file_take(f, nl - d + 1);
        searched = f->decoded.len;
        if (f->eof) return mg_file_take(f, f->decoded.len);
        if (!mg_file_read_chunk(f)) return NULL;
    }
}

MgStr *mg_file_read(MgFile *f) {
    if (!mg_file_check_readable(f)) return NULL;
    MgBuf all = {0, 0, 0};
    for (;;) {
        mg_buf_reserve(&all, MG_CHUNK * 4);
        ssize_t got = mg_file_raw_read(f, (unsigned char *)all.data + all.len, (size_t)(all.cap - all.len - 1));
        if (got < 0) {
            free(all.data);
            return NULL;
        }
        if (got == 0) break;
        all.len += got;
    }
    int ok = mg_file_decode(f, (const unsigned char *)all.data, all.len, 1);
    free(all.data);
    if (!ok) return NULL;
    f->eof = 1;
    return mg_file_take(f, f->decoded.len);
}

MgList *mg_file_readlines(MgFile *f, const MgType *list_t) {
    if (!mg_file_check_readable(f)) return NULL;
    MgList *lines = mg_list_new(list_t, 0);
    for (;;) {
        MgStr *line = mg_file_readline(f);
        if (!line) {
            mg_decref(lines);
            return NULL;
        }
        if (line->len == 0) {
            mg_decref(line);
            return lines;
        }
        mg_list_append(lines, (MgSlot)(uintptr_t)line);
        mg_decref(line);
    }
}

int32_t mg_file_closed(const MgFile *f) { return f->fd < 0; }

MgStr *mg_file_name(const MgFile *f) {
    mg_incref(f->name);
    return f->name;
}

MgStr *mg_file_mode(const MgFile *f) {
    mg_incref(f->mode);
    return f->mode;
}

/* `with f:`: a closed file cannot be entered. */
void mg_file_enter(const MgFile *f) { mg_file_check_open(f); }

/* ---- opening ------------------------------------------------------------------------- */

/* The encoding open() uses without `encoding=` (CPython 3.11: UTF-8 mode's "utf-8", which
 * the C and POSIX locales turn on, else the locale's codeset), or NULL after raising when
 * that is not UTF-8, which is all multigen decodes. */
static char *mg_default_encoding(void) {
    const char *utf8_mode = getenv("PYTHONUTF8");
    if (utf8_mode && strcmp(utf8_mode, "1") == 0) return mg_strdup("utf-8");
    const char *current = setlocale(LC_CTYPE, NULL);
    char *saved = current ? mg_strdup(current) : NULL;
    const char *loc = setlocale(LC_CTYPE, "");
    char *enc;
    if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0) {
        /* PYTHONUTF8=0 leaves the C locale coerced to C.UTF-8, unless LC_ALL pins it. */
        const char *lc_all = getenv("LC_ALL");
        if (!(utf8_mode && strcmp(utf8_mode, "0") == 0)) enc = mg_strdup("utf-8");
        else enc = mg_strdup(lc_all && *lc_all ? "ANSI_X3.4-1968" : "UTF-8");
    } else {
        enc = mg_strdup(nl_langinfo(CODESET));
    }
    if (saved) setlocale(LC_CTYPE, saved);
    free(saved);
    if (strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "utf8") != 0) {
        char msg[200];
        snprintf(msg, sizeof msg, "multigen reads text files as UTF-8 only, and the locale's encoding is %.60s: pass encoding=\"utf-8\" to open()", enc);
        free(enc);
        mg_raise(MG_NOT_IMPLEMENTED, msg);
        return NULL;
    }
    return enc;
}

/* The path as the OS takes it (os.fsencode: UTF-8 with surrogateescape); NULL after
 * raising ValueError for a NUL, UnicodeEncodeError for another surrogate. */
static char *mg_fsencode(const MgStr *path) {
    if (memchr(path->data, 0, (size_t)path->len)) {
        mg_raise(MG_VALUE, "embedded null byte");
        return NULL;
    }
    MgBuf b = {0, 0, 0};
    mg_buf_reserve(&b, path->len);
    const unsigned char *p = (const unsigned char *)path->data, *end = p + path->len;
    int64_t pos = 0;
    while (p < end) {
        int n;
        uint32_t cp = mg_utf8_decode(p, &n);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            if (cp < 0xDC80 || cp > 0xDCFF) {
                char msg[128];
                snprintf(msg, sizeof msg, "'utf-8' codec can't encode character '\\u%04x' in position %lld: surrogates not allowed", cp, (long long)pos);
                free(b.data);
                mg_raise(MG_UNICODE_ENCODE, msg);
                return NULL;
            }
            char byte = (char)(cp & 0xFF);
            mg_buf_put(&b, &byte, 1);
        } else {
            mg_buf_put(&b, (const char *)p, n);
        }
        p += n;
        pos++;
    }
    if (!b.data) mg_buf_reserve(&b, 1);
    return b.data;
}

/* open(path, mode, encoding=...) for reading text; `encoding` "" for the default. The
 * checker allows only the modes "r" and "rt" and spellings of UTF-8. */
MgFile *mg_file_open(const MgStr *path, const MgStr *mode, const MgStr *encoding) {
    char *os_path = mg_fsencode(path);
    if (!os_path) return NULL;
    char *enc = encoding->len ? mg_strdup(encoding->data) : mg_default_encoding();
    if (!enc) {
        free(os_path);
        return NULL;
    }
    int fd, writable = mode->len && (mode->data[0] == 'w' || mode->data[0] == 'a' || strchr(mode->data, 'w') || strchr(mode->data, 'a'));
    int flags = !writable ? O_RDONLY : strchr(mode->data, 'a') ? O_WRONLY | O_CREAT | O_APPEND : O_WRONLY | O_CREAT | O_TRUNC;
    do fd = open(os_path, flags | O_CLOEXEC, 0666);
    while (fd < 0 && errno == EINTR);
    int err = fd < 0 ? errno : 0;
    /* Linux opens a directory for reading; CPython's FileIO refuses it after an fstat. */
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fd = -1;
        err = EISDIR;
    }
    free(os_path);
    if (fd < 0) {
        free(enc);
        mg_raise_errno(err, path);
        return NULL;
    }
    MgFile *f = mg_obj_new(sizeof(MgFile), &mg_type_file);
    f->fd = fd;
    f->eof = 0;
    f->pendingcr = 0;
    f->raw_newlines = 0;
    f->writable = writable;
    f->out = (MgBuf){0, 0, 0};
    mg_incref((void *)path);
    f->name = (MgStr *)path;
    mg_incref((void *)mode);
    f->mode = (MgStr *)mode;
    f->encoding = enc;
    f->pending = NULL;
    f->n_pending = 0;
    f->decoded = (MgBuf){0, 0, 0};
    f->pos = 0;
    return f;
}

/* sys.stdin: one file object over descriptor 0 for the whole run, never freed (its count
 * is negative, as for immortal objects), read by `input()` too, so the two share one
 * buffer as in CPython. */
MgFile *mg_file_stdin(void) {
    static MgFile *stdin_file;
    if (!stdin_file) {
        char *enc = mg_default_encoding();
        if (!enc) return NULL;
        MgFile *f = mg_obj_new(sizeof(MgFile), &mg_type_file);
        f->h.rc = -1;
        f->fd = 0;
        f->eof = 0;
        f->pendingcr = 0;
        f->raw_newlines = 1;
        f->writable = 0;
        f->out = (MgBuf){0, 0, 0};
        f->name = mg_str_from("<stdin>", 7);
        f->mode = mg_str_from("r", 1);
        f->encoding = enc;
        f->pending = NULL;
        f->n_pending = 0;
        f->decoded = (MgBuf){0, 0, 0};
        f->pos = 0;
        stdin_file = f;
    }
    return stdin_file;
}

/* input(prompt): the prompt to stdout (flushed, as CPython flushes it), then a line of
 * stdin without its newline; EOFError at the end of input. */
MgStr *mg_input(const MgStr *prompt) {
    if (prompt->len) {
        mg_print_str_value(prompt);
        if (mg_current_exc) return NULL;
    }
    fflush(MG_OUT);
    MgFile *in = mg_file_stdin();
    if (!in) return NULL;
    MgStr *line = mg_file_readline(in);
    if (!line) return NULL;
    if (line->len == 0) {
        mg_decref(line);
        mg_raise(MG_EOF, "EOF when reading a line");
        return NULL;
    }
    if (line->data[line->len - 1] != '\n') return line;
    MgStr *out = mg_str_from(line->data, line->len - 1);
    mg_decref(line);
    return out;
}

/* Writes out what `write` buffered; 0 with OSError pending. */
static int mg_file_flush_out(MgFile *f) {
    int64_t done = 0;
    while (done < f->out.len) {
        ssize_t n = write(f->fd, f->out.data + done, (size_t)(f->out.len - done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            f->out.len = 0;
            mg_raise_errno(errno, NULL);
            return 0;
        }
        done += n;
    }
    f->out.len = 0;
    return 1;
}

/* f.write(s): the text encoded as UTF-8 (strict, as CPython's default: a lone surrogate is
 * a UnicodeEncodeError and nothing is written), buffered; returns len(s). */
int64_t mg_file_write(MgFile *f, const MgStr *s) {
    if (!mg_file_check_open(f)) return 0;
    if (!f->writable) {
        mg_raise(MG_UNSUPPORTED_OPERATION, "not writable");
        return 0;
    }
    const unsigned char *d = (const unsigned char *)s->data;
    int64_t pos = 0, bad = -1, run_end = -1;
    uint32_t bad_cp = 0;
    for (int64_t i = 0; i < s->len; pos++) {
        int n;
        uint32_t cp = mg_utf8_decode(d + i, &n);
        int surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        if (bad >= 0 && !surrogate) {
            run_end = pos;
            break;
        }
        if (surrogate && bad < 0) {
            bad = pos;
            bad_cp = cp;
        }
        i += n;
    }
    if (bad >= 0) {
        mg_raise_surrogates(bad_cp, bad, run_end < 0 ? pos : run_end);
        return 0;
    }
    mg_buf_put(&f->out, s->data, s->len);
    if (f->out.len >= MG_CHUNK && !mg_file_flush_out(f)) return 0;
    return s->nchars;
}

void mg_file_writelines(MgFile *f, const MgList *lines) {
    for (int64_t i = 0; i < lines->len; i++) {
        mg_file_write(f, (const MgStr *)(uintptr_t)lines->items[i]);
        if (mg_current_exc) return;
    }
}

void mg_file_flush(MgFile *f) {
    if (mg_file_check_open(f) && f->writable) mg_file_flush_out(f);
}
