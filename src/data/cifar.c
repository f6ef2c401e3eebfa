/* CIFAR-10 binary batches: records of a label byte and 3x32x32 pixel bytes (R, G, B planes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int cifar_append(activ_dataset *d, const uint8_t *buf, size_t len, const char *name, char *err, size_t errlen)
{
    if (len == 0) {
        data_error(err, errlen, name, "empty file, expected CIFAR-10 records of %d bytes", CIFAR_RECORD);
        return -1;
    }
    if (len % CIFAR_RECORD) {
        data_error(err, errlen, name,
                   "size %zu bytes is not a multiple of %d (a label byte and 3x32x32 pixels): truncated, or not "
                   "a CIFAR-10 binary batch",
                   len, CIFAR_RECORD);
        return -1;
    }
    size_t add = len / CIFAR_RECORD, dim = (size_t)CIFAR_RECORD - 1;
    if (d->n * dim + len > ACTIV_DATA_MAX_BYTES) {
        data_error(err, errlen, name, "too large: %zu more records make more than %zu bytes of pixels", add,
                   ACTIV_DATA_MAX_BYTES);
        return -1;
    }
    for (size_t r = 0; r < add; r++) {
        uint8_t label = buf[r * CIFAR_RECORD];
        if (label > 9) {
            data_error(err, errlen, name, "record %zu (byte %zu): label %d out of range 0..9%s", r, r * CIFAR_RECORD,
                       label, label < 100 ? " (CIFAR-100's format has two label bytes)" : "");
            return -1;
        }
    }
    size_t n = d->n + add;
    float *x = realloc(d->x, n * dim * sizeof *x);
    if (!x) {
        data_error(err, errlen, name, "out of memory for %zu images", n);
        return -1;
    }
    d->x = x;
    uint8_t *y = realloc(d->y, n);
    if (!y) {
        data_error(err, errlen, name, "out of memory for %zu labels", n);
        return -1;
    }
    d->y = y;
    float scale[256];
    for (int v = 0; v < 256; v++) scale[v] = (float)v / 255.0f;
    for (size_t r = 0; r < add; r++) {
        const uint8_t *rec = buf + r * CIFAR_RECORD;
        float *dst = x + (d->n + r) * dim;
        y[d->n + r] = rec[0];
        for (size_t i = 0; i < dim; i++) dst[i] = scale[rec[1 + i]];
    }
    d->n = n;
    d->c = 3;
    d->h = d->w = CIFAR_SIDE;
    d->classes = 10;
    return 0;
}
