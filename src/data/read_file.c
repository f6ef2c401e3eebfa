#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "parse.h"

void data_error(char *err, size_t errlen, const char *name, const char *fmt, ...)
{
    if (!err || !errlen) return;
    int n = snprintf(err, errlen, "%s: ", name ? name : "(data)");
    if (n < 0 || (size_t)n >= errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Room for a header and a byte of trailing garbage beyond the largest payload,
   so the parsers, not the reader, report what is wrong with a big file. */
#define READ_CAP (ACTIV_DATA_MAX_BYTES + 4096)

int data_read_file(const char *path, uint8_t **buf, size_t *len, char *err, size_t errlen)
{
    *buf = NULL;
    *len = 0;
    errno = 0;
    gzFile f = gzopen(path, "rb");
    if (!f) {
        data_error(err, errlen, path, "cannot open: %s", errno ? strerror(errno) : "out of memory");
        return -1;
    }
    gzbuffer(f, 1 << 17);
    size_t cap = 1 << 20, n = 0;
    uint8_t *b = malloc(cap);
    for (;;) {
        if (!b) {
            data_error(err, errlen, path, "out of memory reading %zu bytes", cap);
            break;
        }
        if (n == cap) {
            if (cap >= READ_CAP) {
                data_error(err, errlen, path, "too large: more than %zu bytes (after decompression)", (size_t)READ_CAP);
                break;
            }
            cap = cap * 2 < READ_CAP ? cap * 2 : READ_CAP;
            uint8_t *nb = realloc(b, cap);
            if (!nb) {
                data_error(err, errlen, path, "out of memory reading %zu bytes", cap);
                break;
            }
            b = nb;
        }
        size_t want = cap - n < (1u << 30) ? cap - n : (1u << 30);
        errno = 0;
        int got = gzread(f, b + n, (unsigned)want);
        int code;
        const char *msg = gzerror(f, &code);
        if (got < 0 || (code != Z_OK && code != Z_BUF_ERROR)) {
            data_error(err, errlen, path, "read error: %s", code == Z_ERRNO ? strerror(errno) : msg);
            break;
        }
        n += (size_t)got;
        if (got == 0) {
            if (code == Z_BUF_ERROR) {
                data_error(err, errlen, path, "gzip data truncated (after %zu decompressed bytes)", n);
                break;
            }
            gzclose(f);
            *buf = b;
            *len = n;
            return 0;
        }
    }
    free(b);
    gzclose(f);
    return -1;
}
