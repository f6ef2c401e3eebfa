/* One sample's augmentation with its draws given, for activ_augment and the tests. */
#ifndef ACTIV_DATA_AUGMENT_H
#define ACTIV_DATA_AUGMENT_H

#include <stdint.h>

/*
 * out[ch][y][x] = in[ch][y + dy - pad][x' + dx - pad] (zero outside), where
 * x' = w - 1 - x when flip, else x; dy, dx in [0, 2 pad].
 */
void augment_one(const float *in, float *out, int c, int h, int w, int pad, int dy, int dx, int flip);

/* The draws activ_augment makes for the sample keyed (seed, counter). */
void augment_draw(uint64_t seed, uint64_t counter, int pad, int flip, int *dy, int *dx, int *flipped);

#endif
