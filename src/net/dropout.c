/*
 * Dropout (inverted): in training each element is kept with probability
 * 1 - rate and scaled by 1 / (1 - rate); in evaluation y = x.  The mask is
 * drawn from (seed, step, element), so a run repeats exactly.
 *
 * forward  y = m x;  backward dx = m dy
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

typedef struct dropout_cfg {
    double rate;
    size_t cap;
    float *mask;
} dropout_cfg;

static void dropout_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    dropout_cfg *dc = L->priv;
    const size_t m = n * L->in_dim;
    if (!train || dc->rate == 0) {
        if (y != x) memcpy(y, x, m * sizeof *y);
        for (size_t i = 0; i < m && dc->mask; i++) dc->mask[i] = 1.0f;
        return;
    }
    const uint64_t key = net_mix(L->seed ^ net_mix(L->step++));
    const float keep = (float)(1.0 / (1.0 - dc->rate));
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < m; i++) {
        dc->mask[i] = net_uniform(key, i) >= dc->rate ? keep : 0.0f;
        y[i] = x[i] * dc->mask[i];
    }
}

static void dropout_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)x, (void)y;
    dropout_cfg *dc = L->priv;
    if (!dx) return;
    for (size_t i = 0; i < n * L->in_dim; i++) dx[i] = dy[i] * dc->mask[i];
}

static int dropout_reserve(net_layer *L, size_t batch)
{
    dropout_cfg *dc = L->priv;
    if (batch <= dc->cap) return 0;
    free(dc->mask);
    dc->mask = malloc(batch * L->in_dim * sizeof *dc->mask);
    dc->cap = dc->mask ? batch : 0;
    return dc->mask ? 0 : -1;
}

static void dropout_release(net_layer *L)
{
    dropout_cfg *dc = L->priv;
    free(dc->mask);
    dc->mask = NULL, dc->cap = 0;
}

static const net_layer_ops dropout_ops = {"dropout", dropout_forward, dropout_backward, dropout_reserve,
                                          dropout_release};

int net_dropout_init(net_layer *L, double rate, char *err, size_t errlen)
{
    if (!(rate >= 0 && rate < 1)) {
        snprintf(err, errlen, "dropout: rate must be in [0, 1), not %g", rate);
        return -1;
    }
    dropout_cfg *dc = calloc(1, sizeof *dc);
    if (!dc) {
        snprintf(err, errlen, "dropout: out of memory");
        return -1;
    }
    dc->rate = rate;
    L->ops = &dropout_ops, L->priv = dc;
    L->out_c = L->in_c, L->out_h = L->in_h, L->out_w = L->in_w, L->out_dim = L->in_dim;
    snprintf(L->desc, sizeof L->desc, "dropout %g", rate);
    return 0;
}
