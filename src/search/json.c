#define _POSIX_C_SOURCE 200809L
#include "search/json.h"

#include "report/json_out.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 };

typedef struct parser {
    const char *s, *end, *p;
    char *err;
    size_t errlen;
    int failed;
} parser;

static void fail(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(parser *ps, const char *fmt, ...)
{
    if (ps->failed) return;
    ps->failed = 1;
    size_t line = 1, col = 1;
    for (const char *c = ps->s; c < ps->p && c < ps->end; c++) {
        if (*c == '\n') line++, col = 1;
        else col++;
    }
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (ps->errlen) snprintf(ps->err, ps->errlen, "line %zu, column %zu: %s", line, col, what);
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) ps->p++;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n)) {
        fail(ps, "invalid literal (expected %s)", word);
        return -1;
    }
    ps->p += n;
    return 0;
}

static int hex4(parser *ps, unsigned *out)
{
    if (ps->end - ps->p < 4) {
        fail(ps, "truncated \\u escape");
        return -1;
    }
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = ps->p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else {
            fail(ps, "bad hex digit in \\u escape");
            return -1;
        }
    }
    ps->p += 4;
    *out = v;
    return 0;
}

static size_t utf8_put(char *o, unsigned cp)
{
    if (cp < 0x80) return o[0] = (char)cp, 1;
    if (cp < 0x800) return o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 0x3F)), 2;
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18), o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One \u escape (with its surrogate pair) after the "\u"; the code point into cp. */
static int unicode_escape(parser *ps, unsigned *cp)
{
    unsigned u;
    if (hex4(ps, &u)) return -1;
    if (u >= 0xDC00 && u <= 0xDFFF) {
        fail(ps, "unpaired low surrogate in \\u escape");
        return -1;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
        unsigned lo;
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u') {
            fail(ps, "unpaired high surrogate in \\u escape");
            return -1;
        }
        ps->p += 2;
        if (hex4(ps, &lo)) return -1;
        if (lo < 0xDC00 || lo > 0xDFFF) {
            fail(ps, "bad low surrogate in \\u escape");
            return -1;
        }
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (u == 0) {
        fail(ps, "\\u0000 is not supported in strings");
        return -1;
    }
    *cp = u;
    return 0;
}

/* The string at ps->p (on the opening quote), decoded into a new buffer. */
static char *string(parser *ps)
{
    ps->p++;
    const char *start = ps->p;
    while (ps->p < ps->end && *ps->p != '"') ps->p += *ps->p == '\\' && ps->p + 1 < ps->end ? 2 : 1;
    if (ps->p >= ps->end) {
        ps->p = start;
        fail(ps, "unterminated string");
        return NULL;
    }
    /* decoding never makes a string longer than its escaped form */
    char *out = malloc((size_t)(ps->p - start) + 1), *o = out;
    if (!out) {
        fail(ps, "out of memory");
        return NULL;
    }
    ps->p = start;
    while (*ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) {
            fail(ps, "control character in string");
            break;
        }
        if (c != '\\') {
            *o++ = (char)c;
            ps->p++;
            continue;
        }
        ps->p++;
        char e = *ps->p++;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            *o++ = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
        } else if (e == 'u') {
            unsigned cp;
            if (unicode_escape(ps, &cp)) break;
            o += utf8_put(o, cp);
        } else {
            ps->p--;
            fail(ps, "bad escape '\\%c' in string", e);
            break;
        }
    }
    if (ps->failed) {
        free(out);
        return NULL;
    }
    *o = 0;
    ps->p++;
    return out;
}

static int number(parser *ps, double *out)
{
    const char *q = ps->p;
    if (q < ps->end && *q == '-') q++;
    if (q >= ps->end || !(*q >= '0' && *q <= '9')) goto bad;
    if (*q == '0') q++;
    else
        while (q < ps->end && *q >= '0' && *q <= '9') q++;
    if (q < ps->end && *q == '.') {
        q++;
        if (q >= ps->end || !(*q >= '0' && *q <= '9')) goto bad;
        while (q < ps->end && *q >= '0' && *q <= '9') q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-')) q++;
        if (q >= ps->end || !(*q >= '0' && *q <= '9')) goto bad;
        while (q < ps->end && *q >= '0' && *q <= '9') q++;
    }
    char buf[64];
    size_t n = (size_t)(q - ps->p);
    if (n >= sizeof buf) {
        fail(ps, "number too long");
        return -1;
    }
    memcpy(buf, ps->p, n);
    buf[n] = 0;
    errno = 0;
    *out = strtod(buf, NULL);
    if (errno == ERANGE && isinf(*out)) {
        fail(ps, "number out of range");
        return -1;
    }
    ps->p = q;
    return 0;
bad:
    fail(ps, "invalid number");
    return -1;
}

static int value(parser *ps, sjson *v, int depth);

static int push(parser *ps, sjson *v, char *key)
{
    if ((v->n & (v->n - 1)) == 0) { /* grow at powers of two */
        size_t cap = v->n ? v->n * 2 : 4;
        sjson *items = realloc(v->items, cap * sizeof *items);
        if (items) v->items = items;
        char **keys = v->type == SJSON_OBJ ? realloc(v->keys, cap * sizeof *keys) : NULL;
        if (keys) v->keys = keys;
        if (!items || (v->type == SJSON_OBJ && !keys)) {
            fail(ps, "out of memory");
            return -1;
        }
    }
    memset(&v->items[v->n], 0, sizeof *v->items);
    if (v->type == SJSON_OBJ) v->keys[v->n] = key;
    v->n++;
    return 0;
}

static int container(parser *ps, sjson *v, int depth)
{
    int obj = *ps->p == '{';
    char close = obj ? '}' : ']';
    v->type = obj ? SJSON_OBJ : SJSON_ARR;
    if (depth >= MAX_DEPTH) {
        fail(ps, "nesting deeper than %d", MAX_DEPTH);
        return -1;
    }
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(ps);
        if (obj) {
            if (ps->p >= ps->end || *ps->p != '"') {
                fail(ps, "expected a string key");
                return -1;
            }
            const char *at = ps->p;
            if (!(key = string(ps))) return -1;
            if (sjson_get(v, key)) {
                ps->p = at;
                fail(ps, "duplicate key \"%.60s\"", key);
                free(key);
                return -1;
            }
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                fail(ps, "expected ':' after a key");
                return -1;
            }
            ps->p++;
        }
        if (push(ps, v, key)) {
            free(key);
            return -1;
        }
        if (value(ps, &v->items[v->n - 1], depth + 1)) return -1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return 0;
        }
        fail(ps, "expected ',' or '%c'", close);
        return -1;
    }
}

static int value(parser *ps, sjson *v, int depth)
{
    skip_ws(ps);
    if (ps->p >= ps->end) {
        fail(ps, "unexpected end of input");
        return -1;
    }
    switch (*ps->p) {
    case '{':
    case '[': return container(ps, v, depth);
    case '"':
        v->type = SJSON_STR;
        return (v->str = string(ps)) ? 0 : -1;
    case 't': v->type = SJSON_BOOL, v->boolean = 1; return literal(ps, "true");
    case 'f': v->type = SJSON_BOOL; return literal(ps, "false");
    case 'n': v->type = SJSON_NULL; return literal(ps, "null");
    default:
        if (*ps->p != '-' && !(*ps->p >= '0' && *ps->p <= '9')) {
            fail(ps, "unexpected character '%c'", *ps->p);
            return -1;
        }
        v->type = SJSON_NUM;
        return number(ps, &v->num);
    }
}

int sjson_parse(const char *text, size_t len, sjson *out, char *err, size_t errlen)
{
    parser ps = {text, text + len, text, err, errlen, 0};
    memset(out, 0, sizeof *out);
    if (value(&ps, out, 0) == 0) {
        skip_ws(&ps);
        if (ps.p < ps.end) fail(&ps, "unexpected text after the value");
    }
    if (ps.failed) {
        sjson_free(out);
        return -1;
    }
    return 0;
}

int sjson_parse_file(const char *path, sjson *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        char *bigger = realloc(buf, cap *= 2);
        if (!bigger) free(buf);
        buf = bigger;
    }
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        snprintf(err, errlen, "%s: cannot read", path);
        return -1;
    }
    char msg[256];
    int rc = sjson_parse(buf, n, out, msg, sizeof msg);
    if (rc) snprintf(err, errlen, "%s: %s", path, msg);
    free(buf);
    return rc;
}

void sjson_free(sjson *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        sjson_free(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    memset(v, 0, sizeof *v);
}

const sjson *sjson_get(const sjson *v, const char *key)
{
    if (!v || v->type != SJSON_OBJ) return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->keys[i], key)) return &v->items[i];
    return NULL;
}

int sjson_number(const sjson *v, double *out)
{
    if (!v) return -1;
    if (v->type == SJSON_NUM) *out = v->num;
    else if (v->type == SJSON_NULL) *out = NAN;
    else if (v->type == SJSON_STR && !strcmp(v->str, "inf")) *out = INFINITY;
    else if (v->type == SJSON_STR && !strcmp(v->str, "-inf")) *out = -INFINITY;
    else return -1;
    return 0;
}

int sjson_equal(const sjson *a, const sjson *b)
{
    if (a->type != b->type || a->n != b->n) return 0;
    switch (a->type) {
    case SJSON_NULL: return 1;
    case SJSON_BOOL: return a->boolean == b->boolean;
    case SJSON_NUM: return a->num == b->num;
    case SJSON_STR: return !strcmp(a->str, b->str);
    case SJSON_ARR:
        for (size_t i = 0; i < a->n; i++)
            if (!sjson_equal(&a->items[i], &b->items[i])) return 0;
        return 1;
    case SJSON_OBJ:
        for (size_t i = 0; i < a->n; i++) {
            const sjson *o = sjson_get(b, a->keys[i]);
            if (!o || !sjson_equal(&a->items[i], o)) return 0;
        }
        return 1;
    }
    return 0;
}

void sjson_write(FILE *f, const sjson *v)
{
    switch (v->type) {
    case SJSON_NULL: fputs("null", f); break;
    case SJSON_BOOL: fputs(v->boolean ? "true" : "false", f); break;
    case SJSON_NUM: json_number(f, v->num); break;
    case SJSON_STR: json_string(f, v->str); break;
    case SJSON_ARR:
    case SJSON_OBJ:
        fputc(v->type == SJSON_ARR ? '[' : '{', f);
        for (size_t i = 0; i < v->n; i++) {
            if (i) fputc(',', f);
            if (v->type == SJSON_OBJ) {
                json_string(f, v->keys[i]);
                fputc(':', f);
            }
            sjson_write(f, &v->items[i]);
        }
        fputc(v->type == SJSON_ARR ? ']' : '}', f);
        break;
    }
}
