/* IDX (LeCun's MNIST format): a big-endian header, then unsigned bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define IDX_IMAGES_MAGIC 0x00000803u
#define IDX_LABELS_MAGIC 0x00000801u

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static const char *magic_hint(uint32_t magic)
{
    if (magic == IDX_IMAGES_MAGIC) return " (an idx3 images file)";
    if (magic == IDX_LABELS_MAGIC) return " (an idx1 labels file)";
    if ((magic >> 16) == 0x1f8b) return " (gzip data that did not decompress)";
    if ((magic >> 16) != 0) return " (not an IDX file)";
    if ((magic >> 8 & 0xff) != 0x08) return " (IDX, but not unsigned bytes)";
    return "";
}

/* Checks the magic and the length of an IDX file with a header of hlen bytes
   announcing payload bytes of data, described as what for messages. */
static int check_magic(const uint8_t *buf, size_t len, size_t hlen, uint32_t want, const char *name, char *err,
                       size_t errlen)
{
    if (len < 4 || be32(buf) != want) {
        if (len < 4)
            data_error(err, errlen, name, "truncated header: %zu bytes, an IDX header has %zu", len, hlen);
        else
            data_error(err, errlen, name, "wrong magic number 0x%08x%s, expected 0x%08x (%s)", be32(buf),
                       magic_hint(be32(buf)), want, want == IDX_IMAGES_MAGIC ? "idx3 unsigned-byte images" : "idx1 unsigned-byte labels");
        return -1;
    }
    if (len < hlen) {
        data_error(err, errlen, name, "truncated header: %zu bytes, an %s header has %zu", len,
                   want == IDX_IMAGES_MAGIC ? "idx3" : "idx1", hlen);
        return -1;
    }
    return 0;
}

static int check_payload(size_t len, size_t hlen, size_t payload, const char *what, const char *name, char *err,
                         size_t errlen)
{
    if (len - hlen < payload) {
        data_error(err, errlen, name, "truncated: header says %s (%zu bytes), file has %zu", what, payload, len - hlen);
        return -1;
    }
    if (len - hlen > payload) {
        data_error(err, errlen, name, "%zu trailing bytes: header says %s (%zu bytes), file has %zu",
                   len - hlen - payload, what, payload, len - hlen);
        return -1;
    }
    return 0;
}

int idx_parse_images(const uint8_t *buf, size_t len, const char *name, activ_dataset *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (check_magic(buf, len, 16, IDX_IMAGES_MAGIC, name, err, errlen)) return -1;
    uint32_t n = be32(buf + 4), rows = be32(buf + 8), cols = be32(buf + 12);
    char what[96];
    snprintf(what, sizeof what, "%u images of %ux%u", n, rows, cols);
    if (!n || !rows || !cols) {
        data_error(err, errlen, name, "zero dimension: header says %s", what);
        return -1;
    }
    uint64_t pixels = (uint64_t)rows * cols;
    if (rows > ACTIV_DATA_MAX_SIDE || cols > ACTIV_DATA_MAX_SIDE || n > ACTIV_DATA_MAX_BYTES / pixels) {
        data_error(err, errlen, name, "implausible dimensions: header says %s (more than %zu bytes or sides above %u)",
                   what, ACTIV_DATA_MAX_BYTES, ACTIV_DATA_MAX_SIDE);
        return -1;
    }
    size_t payload = (size_t)n * (size_t)pixels;
    if (check_payload(len, 16, payload, what, name, err, errlen)) return -1;
    float *x = malloc(payload * sizeof *x);
    if (!x) {
        data_error(err, errlen, name, "out of memory for %s (%zu bytes as floats)", what, payload * sizeof *x);
        return -1;
    }
    float scale[256];
    for (int v = 0; v < 256; v++) scale[v] = (float)v / 255.0f;
    const uint8_t *p = buf + 16;
    for (size_t i = 0; i < payload; i++) x[i] = scale[p[i]];
    out->n = n;
    out->c = 1;
    out->h = (int)rows;
    out->w = (int)cols;
    out->x = x;
    return 0;
}

int idx_parse_labels(const uint8_t *buf, size_t len, const char *name, uint8_t **labels, size_t *n, char *err,
                     size_t errlen)
{
    *labels = NULL;
    *n = 0;
    if (check_magic(buf, len, 8, IDX_LABELS_MAGIC, name, err, errlen)) return -1;
    uint32_t count = be32(buf + 4);
    char what[64];
    snprintf(what, sizeof what, "%u labels", count);
    if (!count) {
        data_error(err, errlen, name, "zero dimension: header says 0 labels");
        return -1;
    }
    if (count > ACTIV_DATA_MAX_BYTES) {
        data_error(err, errlen, name, "implausible dimensions: header says %s (more than %zu)", what,
                   ACTIV_DATA_MAX_BYTES);
        return -1;
    }
    if (check_payload(len, 8, count, what, name, err, errlen)) return -1;
    uint8_t *y = malloc(count);
    if (!y) {
        data_error(err, errlen, name, "out of memory for %s", what);
        return -1;
    }
    memcpy(y, buf + 8, count);
    *labels = y;
    *n = count;
    return 0;
}

int idx_pair(activ_dataset *d, uint8_t *labels, size_t nlabels, int classes, const char *images_name,
             const char *labels_name, char *err, size_t errlen)
{
    if (nlabels != d->n) {
        data_error(err, errlen, labels_name, "%zu labels, but %s has %zu images", nlabels, images_name, d->n);
        goto fail;
    }
    int max = 0;
    for (size_t i = 0; i < nlabels; i++) {
        if (classes > 0 && labels[i] >= classes) {
            data_error(err, errlen, labels_name, "label %d at index %zu is out of range (%d classes: 0..%d)",
                       labels[i], i, classes, classes - 1);
            goto fail;
        }
        if (labels[i] > max) max = labels[i];
    }
    d->y = labels;
    d->classes = classes > 0 ? classes : max + 1;
    return 0;
fail:
    free(labels);
    activ_dataset_free(d);
    return -1;
}
