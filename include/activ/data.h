/*
 * activ data sets: images and labels in memory, loaded from the IDX format
 * (MNIST, Fashion-MNIST; raw or gzipped) or the CIFAR-10 binary format.
 *
 * Every loader checks what it reads (magic numbers, dimensions, counts,
 * truncation, label range) and on failure returns -1 with a message in err
 * that names the file and what is wrong; nothing is left allocated.
 */
#ifndef ACTIV_DATA_H
#define ACTIV_DATA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* n samples of c x h x w floats (NCHW, sample-major) and their labels 0..classes-1. */
typedef struct activ_dataset {
    size_t n;
    int c, h, w, classes;
    float *x;   /* n * c * h * w values; pixel / 255 after loading */
    uint8_t *y; /* n labels */
    char name[64];
} activ_dataset;

static inline size_t activ_dataset_dim(const activ_dataset *d) { return (size_t)d->c * d->h * d->w; }

/* IDX images (idx3, unsigned byte) and labels (idx1), plain or gzipped;
   classes = max label + 1. */
int activ_load_idx(const char *images_path, const char *labels_path, activ_dataset *out, char *err, size_t errlen);
/* CIFAR-10 binary batches: records of 1 label byte + 3072 pixel bytes (3x32x32). */
int activ_load_cifar10(const char *const *paths, size_t npaths, activ_dataset *out, char *err, size_t errlen);

/*
 * A named data set: "fashion-mnist" (default when name is NULL), "mnist" or
 * "cifar10", from dir (NULL: the Debian location, /usr/share/datasets/...,
 * or $ACTIV_DATA_DIR), or a directory path holding IDX files named as
 * upstream ({train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]) or CIFAR-10's
 * data_batch_{1..5}.bin and test_batch.bin (there or in cifar-10-batches-bin/).
 * A missing data set gives a message that says how to install it.  The
 * named sets have 10 classes; a directory of IDX files max label + 1.
 */
int activ_load_named(const char *name, const char *dir, activ_dataset *train, activ_dataset *test, char *err,
                     size_t errlen);

void activ_dataset_free(activ_dataset *d);

/* A deep copy of the samples idx[0..count) in that order (idx NULL: the
   first count).  -1 if an index is out of range or memory runs out. */
int activ_dataset_subset(const activ_dataset *d, const size_t *idx, size_t count, activ_dataset *out);

/*
 * Carves a validation set of nval samples out of all, stratified by class and
 * chosen by seed, leaving the rest in train.  Model selection uses val; the
 * test set is never looked at.
 */
int activ_dataset_split(const activ_dataset *all, size_t nval, uint64_t seed, activ_dataset *train,
                        activ_dataset *val, char *err, size_t errlen);

/* Per-channel mean and standard deviation of d (mean[c], std[c]). */
void activ_dataset_stats(const activ_dataset *d, double *mean, double *std);
/* x = (x - mean[c]) / std[c] in place (a channel with std 0 is only centred). */
void activ_dataset_normalize(activ_dataset *d, const double *mean, const double *std);

/*
 * Random crop (zero padding of pad pixels, then a random h x w window) and
 * horizontal flip (probability 1/2 when flip) of n samples from x into out,
 * drawn from a counter-based generator: sample i is keyed (seed, counter + i),
 * so a run repeats exactly and any part of a batch, augmented on its own
 * with its own counter, gets the same crops.  x and out must not overlap.
 */
void activ_augment(const float *x, float *out, size_t n, int c, int h, int w, int pad, int flip, uint64_t seed,
                   uint64_t counter);

#ifdef __cplusplus
}
#endif
#endif
