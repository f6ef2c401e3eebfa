/*
 * The data layer's parsers work on bytes in memory, so the file loaders and
 * the fuzz targets (fuzz/) run the same code.  Each returns 0, or -1 with
 * "NAME: what is wrong" in err and nothing left allocated.
 */
#ifndef ACTIV_DATA_PARSE_H
#define ACTIV_DATA_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "activ/data.h"

/* Pixel payloads above this many bytes are refused (a header's claim, or a file). */
#define ACTIV_DATA_MAX_BYTES ((size_t)1 << 31)
/* Image sides above this are refused as not an image. */
#define ACTIV_DATA_MAX_SIDE 65536u

#define CIFAR_SIDE 32
#define CIFAR_RECORD (1 + 3 * CIFAR_SIDE * CIFAR_SIDE)

/* Writes "name: <message>" into err. */
void data_error(char *err, size_t errlen, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The whole of path, gunzipped if it is gzip (else as is), into a malloc'ed *buf. */
int data_read_file(const char *path, uint8_t **buf, size_t *len, char *err, size_t errlen);

/* IDX images (magic 0x00000803): out gets n, c = 1, h, w and x (pixel / 255); y stays NULL. */
int idx_parse_images(const uint8_t *buf, size_t len, const char *name, activ_dataset *out, char *err,
                     size_t errlen);
/* IDX labels (magic 0x00000801) into a malloc'ed *labels of *n. */
int idx_parse_labels(const uint8_t *buf, size_t len, const char *name, uint8_t **labels, size_t *n, char *err,
                     size_t errlen);
/*
 * Pairs parsed images with their labels: the counts must agree and every
 * label be below classes (classes 0: max label + 1).  On success d owns
 * labels; on failure d and labels are freed.
 */
int idx_pair(activ_dataset *d, uint8_t *labels, size_t nlabels, int classes, const char *images_name,
             const char *labels_name, char *err, size_t errlen);

/* An IDX images and labels pair from files; classes 0: max label + 1. */
int data_load_idx(const char *images_path, const char *labels_path, int classes, activ_dataset *out, char *err,
                  size_t errlen);

/* Appends the records of one CIFAR-10 binary batch to d (empty d: starts it). */
int cifar_append(activ_dataset *d, const uint8_t *buf, size_t len, const char *name, char *err, size_t errlen);

#endif
