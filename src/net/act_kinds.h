/*
 * Fast paths of the activation layer for the kinds whose tensor map is more
 * than f per element (gated, paired, expanding, maxout, softmax, log-softmax,
 * sparsemax): the vector kernels for the element map and loops over the
 * contiguous pixels for the rest, with the semantics of the reference
 * activ_layer_forward/backward (src/catalog/layer.c).  act_layer.c calls
 * them where they exist.
 */
#ifndef ACTIV_NET_ACT_KINDS_H
#define ACTIV_NET_ACT_KINDS_H

#include <stddef.h>

#include "activ/activ.h"

typedef struct act_kinds act_kinds;

/* The fast path for al's kind into *out, or NULL there when the reference serves it (al must outlive it).
   0, or -1 when out of memory. */
int act_kinds_new(act_kinds **out, const activ_layer *al);
/* Buffers for batches of up to `batch` samples: 0, or -1 when out of memory. */
int act_kinds_reserve(act_kinds *K, size_t batch);
/* y for n samples; a training forward keeps what the backward needs. */
void act_kinds_forward(act_kinds *K, const float *x, float *y, size_t n, int train);
/* dx (NULL: not needed) after a training forward of the same x; g (NULL: none) receives the parameter
   gradients, laid out as al->params. */
void act_kinds_backward(act_kinds *K, const float *x, const float *dy, float *dx, size_t n, float *g);
void act_kinds_free(act_kinds *K);

#endif
