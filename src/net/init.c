/*
 * Weight initialisers (fan_in, fan_out of one output unit / filter):
 *   he      N(0, 2 / fan_in)               He et al. 2015, for ReLU-like units
 *   lecun   N(0, 1 / fan_in)               LeCun et al. 1998; SELU's fixed point assumes it
 *   xavier  N(0, 2 / (fan_in + fan_out))   Glorot & Bengio 2010, for tanh/sigmoid
 *   torch   U(-1/sqrt(fan_in), +1/sqrt(fan_in))   PyTorch's default (kaiming_uniform, a = sqrt 5)
 * Biases start at 0, except with "torch" (the same uniform, as PyTorch).
 */
#include <math.h>
#include <string.h>

#include "net/net.h"

void net_init_weights(float *w, size_t n, size_t fan_in, size_t fan_out, const char *scheme, uint64_t seed)
{
    const uint64_t key = net_mix(seed);
    if (!strcmp(scheme, "torch")) {
        const double bound = 1.0 / sqrt((double)fan_in);
        for (size_t i = 0; i < n; i++) w[i] = (float)((2 * net_uniform(key, i) - 1) * bound);
        return;
    }
    const double var = !strcmp(scheme, "lecun")    ? 1.0 / (double)fan_in
                       : !strcmp(scheme, "xavier") ? 2.0 / (double)(fan_in + fan_out)
                                                   : 2.0 / (double)fan_in;
    const double sd = sqrt(var);
    for (size_t i = 0; i < n; i++) {
        /* Box-Muller from two independent uniforms of this element */
        const double u1 = 1.0 - net_uniform(key, 2 * i), u2 = net_uniform(key, 2 * i + 1);
        w[i] = (float)(sd * sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2));
    }
}
