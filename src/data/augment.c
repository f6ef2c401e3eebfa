/* Random crop with zero padding and horizontal flip, from counter-based draws. */
#include <string.h>

#include "activ/data.h"
#include "augment.h"
#include "rng.h"

void augment_one(const float *in, float *out, int c, int h, int w, int pad, int dy, int dx, int flip)
{
    int oy = dy - pad, ox = dx - pad;
    for (int ch = 0; ch < c; ch++) {
        const float *src = in + (size_t)ch * h * w;
        float *dst = out + (size_t)ch * h * w;
        for (int y = 0; y < h; y++) {
            float *row = dst + (size_t)y * w;
            int sy = y + oy;
            if (sy < 0 || sy >= h) {
                memset(row, 0, (size_t)w * sizeof *row);
                continue;
            }
            const float *srow = src + (size_t)sy * w;
            for (int x = 0; x < w; x++) {
                int sx = (flip ? w - 1 - x : x) + ox;
                row[x] = sx >= 0 && sx < w ? srow[sx] : 0.0f;
            }
        }
    }
}

void augment_draw(uint64_t seed, uint64_t counter, int pad, int flip, int *dy, int *dx, int *flipped)
{
    activ_rng r;
    activ_rng_seed(&r, activ_rng_key(seed, counter));
    uint64_t span = pad > 0 ? 2 * (uint64_t)pad + 1 : 1;
    *dy = (int)activ_rng_below(&r, span);
    *dx = (int)activ_rng_below(&r, span);
    *flipped = flip ? (int)(activ_rng_next(&r) >> 63) : 0;
}

/* Sample i is keyed (seed, counter + i): any part of a batch redraws the same. */
void activ_augment(const float *x, float *out, size_t n, int c, int h, int w, int pad, int flip, uint64_t seed,
                   uint64_t counter)
{
    size_t dim = (size_t)c * h * w;
    if (pad < 0) pad = 0;
    for (size_t i = 0; i < n; i++) {
        int dy, dx, f;
        augment_draw(seed, counter + i, pad, flip, &dy, &dx, &f);
        augment_one(x + i * dim, out + i * dim, c, h, w, pad, dy, dx, f);
    }
}
