/*
 * The IDX parsers: the input as an images file, as a labels file, and as a
 * pair (the first two bytes say where the images end and the labels start;
 * the first byte also picks the number of classes, 0 meaning max label + 1).
 */
#include <string.h>

#include "data/parse.h"
#include "fuzz_target.h"

#define NAME "fuzz-input"

static void check_failure(const char *err)
{
    FUZZ_ASSERT(memchr(err, 0, 512) != NULL);
    FUZZ_ASSERT(strncmp(err, NAME ": ", strlen(NAME) + 2) == 0 || strncmp(err, "labels: ", 8) == 0);
}

static void check_images(const activ_dataset *d, size_t len)
{
    size_t dim = activ_dataset_dim(d);
    FUZZ_ASSERT(d->n > 0 && d->c == 1 && d->h > 0 && d->w > 0);
    FUZZ_ASSERT(16 + d->n * dim == len);
    for (size_t i = 0; i < d->n * dim; i++) FUZZ_ASSERT(d->x[i] >= 0.0f && d->x[i] <= 1.0f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    activ_dataset d;
    if (idx_parse_images(data, size, NAME, &d, err, sizeof err) == 0) {
        check_images(&d, size);
        activ_dataset_free(&d);
    } else {
        check_failure(err);
        FUZZ_ASSERT(d.x == NULL);
    }
    uint8_t *labels;
    size_t n;
    if (idx_parse_labels(data, size, NAME, &labels, &n, err, sizeof err) == 0) {
        FUZZ_ASSERT(n > 0 && n + 8 == size);
        free(labels);
    } else {
        check_failure(err);
        FUZZ_ASSERT(labels == NULL);
    }
    if (size < 2) return 0;
    size_t cut = 2 + ((size_t)data[0] << 8 | data[1]) % (size - 1);
    int classes = data[0] % 11;
    if (idx_parse_images(data + 2, cut - 2, NAME, &d, err, sizeof err)) return 0;
    if (idx_parse_labels(data + cut, size - cut, "labels", &labels, &n, err, sizeof err)) {
        activ_dataset_free(&d);
        return 0;
    }
    if (idx_pair(&d, labels, n, classes, NAME, "labels", err, sizeof err) == 0) {
        FUZZ_ASSERT(d.classes > 0 && (classes == 0 || d.classes == classes));
        for (size_t i = 0; i < d.n; i++) FUZZ_ASSERT(d.y[i] < d.classes);
        activ_dataset_free(&d);
    } else {
        check_failure(err);
        FUZZ_ASSERT(d.x == NULL && d.y == NULL);
    }
    return 0;
}
