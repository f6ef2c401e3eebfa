/*
 * Normalisation layers.
 *
 * batch norm  per channel over the batch and H x W (per feature for flat inputs)
 *   train   mu, var (biased) of the batch;  xh = (x - mu) / sqrt(var + eps);  y = gamma xh + beta
 *           running mean/var updated with momentum 0.1 (the unbiased variance, as PyTorch)
 *   eval    the running statistics instead of the batch's
 *   backward dgamma = sum dy xh;  dbeta = sum dy;  dx = gamma / (M sigma) (M dy - dbeta - xh dgamma)
 * layer norm  per sample over C x H x W, then a per-channel gamma and beta
 *   backward dxh = gamma dy;  dx = (dxh - mean(dxh) - xh mean(dxh xh)) / sigma
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

#define NORM_EPS 1e-5
#define BN_MOMENTUM 0.1

typedef struct norm_cfg {
    size_t cap;
    double *mean, *inv; /* per channel (batch norm) or per sample (layer norm) of the last forward */
} norm_cfg;

static void bn_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    norm_cfg *nc = L->priv;
    const int C = L->in_c;
    const size_t P = (size_t)L->in_h * L->in_w, M = n * P;
    const float *gamma = L->params[0].v, *beta = L->params[1].v;
    float *run_mean = L->state, *run_var = L->state + C;
#pragma omp parallel for schedule(static)
    for (int c = 0; c < C; c++) {
        double mu, inv;
        if (train) {
            double s = 0, ss = 0;
            for (size_t b = 0; b < n; b++)
                for (size_t i = 0; i < P; i++) s += x[(b * C + c) * P + i];
            mu = s / (double)M;
            for (size_t b = 0; b < n; b++)
                for (size_t i = 0; i < P; i++) {
                    const double d = x[(b * C + c) * P + i] - mu;
                    ss += d * d;
                }
            const double var = ss / (double)M;
            inv = 1.0 / sqrt(var + NORM_EPS);
            run_mean[c] = (float)((1 - BN_MOMENTUM) * run_mean[c] + BN_MOMENTUM * mu);
            run_var[c] = (float)((1 - BN_MOMENTUM) * run_var[c] + BN_MOMENTUM * (M > 1 ? ss / (double)(M - 1) : var));
            nc->mean[c] = mu, nc->inv[c] = inv;
        } else {
            mu = run_mean[c], inv = 1.0 / sqrt((double)run_var[c] + NORM_EPS);
        }
        const float a = (float)(gamma[c] * inv), b0 = (float)(beta[c] - gamma[c] * inv * mu);
        for (size_t b = 0; b < n; b++)
            for (size_t i = 0; i < P; i++) y[(b * C + c) * P + i] = a * x[(b * C + c) * P + i] + b0;
    }
}

static void bn_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)y;
    norm_cfg *nc = L->priv;
    const int C = L->in_c;
    const size_t P = (size_t)L->in_h * L->in_w, M = n * P;
    const float *gamma = L->params[0].v;
#pragma omp parallel for schedule(static)
    for (int c = 0; c < C; c++) {
        const double mu = nc->mean[c], inv = nc->inv[c];
        double dg = 0, db = 0;
        for (size_t b = 0; b < n; b++)
            for (size_t i = 0; i < P; i++) {
                const size_t at = (b * C + c) * P + i;
                dg += dy[at] * (x[at] - mu) * inv;
                db += dy[at];
            }
        L->params[0].g[c] = (float)dg, L->params[1].g[c] = (float)db;
        if (!dx) continue;
        const double k = gamma[c] * inv / (double)M;
        for (size_t b = 0; b < n; b++)
            for (size_t i = 0; i < P; i++) {
                const size_t at = (b * C + c) * P + i;
                dx[at] = (float)(k * ((double)M * dy[at] - db - (x[at] - mu) * inv * dg));
            }
    }
}

static void ln_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    (void)train;
    norm_cfg *nc = L->priv;
    const size_t D = L->in_dim, P = (size_t)L->in_h * L->in_w;
    const float *gamma = L->params[0].v, *beta = L->params[1].v;
#pragma omp parallel for schedule(static)
    for (size_t b = 0; b < n; b++) {
        const float *xs = x + b * D;
        double s = 0, ss = 0;
        for (size_t i = 0; i < D; i++) s += xs[i];
        const double mu = s / (double)D;
        for (size_t i = 0; i < D; i++) ss += (xs[i] - mu) * (xs[i] - mu);
        const double inv = 1.0 / sqrt(ss / (double)D + NORM_EPS);
        nc->mean[b] = mu, nc->inv[b] = inv;
        for (size_t i = 0; i < D; i++) y[b * D + i] = (float)(gamma[i / P] * (xs[i] - mu) * inv + beta[i / P]);
    }
}

static void ln_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)y;
    norm_cfg *nc = L->priv;
    const size_t D = L->in_dim, P = (size_t)L->in_h * L->in_w;
    const int C = L->in_c;
    const float *gamma = L->params[0].v;
#pragma omp parallel for schedule(static)
    for (int c = 0; c < C; c++) {
        double dg = 0, db = 0;
        for (size_t b = 0; b < n; b++)
            for (size_t i = c * P; i < (c + 1) * P; i++) {
                dg += dy[b * D + i] * (x[b * D + i] - nc->mean[b]) * nc->inv[b];
                db += dy[b * D + i];
            }
        L->params[0].g[c] = (float)dg, L->params[1].g[c] = (float)db;
    }
    if (!dx) return;
#pragma omp parallel for schedule(static)
    for (size_t b = 0; b < n; b++) {
        const double mu = nc->mean[b], inv = nc->inv[b];
        double s1 = 0, s2 = 0;
        for (size_t i = 0; i < D; i++) {
            const double g = gamma[i / P] * dy[b * D + i];
            s1 += g, s2 += g * (x[b * D + i] - mu) * inv;
        }
        s1 /= (double)D, s2 /= (double)D;
        for (size_t i = 0; i < D; i++) {
            const double g = gamma[i / P] * dy[b * D + i];
            dx[b * D + i] = (float)((g - s1 - (x[b * D + i] - mu) * inv * s2) * inv);
        }
    }
}

static int norm_reserve(net_layer *L, size_t batch)
{
    norm_cfg *nc = L->priv;
    const int per_sample = L->ops->forward == ln_forward;
    if (!per_sample && nc->mean) return 0;
    if (per_sample && batch <= nc->cap) return 0;
    const size_t m = per_sample ? batch : (size_t)L->in_c;
    free(nc->mean);
    nc->mean = malloc(2 * m * sizeof *nc->mean);
    nc->inv = nc->mean ? nc->mean + m : NULL;
    nc->cap = nc->mean ? batch : 0;
    return nc->mean ? 0 : -1;
}

static void norm_release(net_layer *L)
{
    norm_cfg *nc = L->priv;
    free(nc->mean);
    nc->mean = nc->inv = NULL, nc->cap = 0;
}

static const net_layer_ops bn_ops = {"batchnorm", bn_forward, bn_backward, norm_reserve, norm_release};
static const net_layer_ops ln_ops = {"layernorm", ln_forward, ln_backward, norm_reserve, norm_release};

static int norm_init(net_layer *L, const net_layer_ops *ops, int with_state, char *err, size_t errlen)
{
    const int C = L->in_c;
    norm_cfg *nc = calloc(1, sizeof *nc);
    float *mem = calloc(4 * (size_t)C + (with_state ? 2 * (size_t)C : 0), sizeof *mem);
    if (!nc || !mem) {
        free(nc), free(mem);
        snprintf(err, errlen, "%s: out of memory", ops->kind);
        return -1;
    }
    L->ops = ops, L->priv = nc, L->mem = mem;
    L->out_c = L->in_c, L->out_h = L->in_h, L->out_w = L->in_w, L->out_dim = L->in_dim;
    for (int c = 0; c < C; c++) mem[c] = 1.0f; /* gamma */
    L->params[0] = (net_param){.v = mem, .g = mem + C, .n = (size_t)C};
    L->params[1] = (net_param){.v = mem + 2 * C, .g = mem + 3 * C, .n = (size_t)C};
    L->nparams = 2;
    if (with_state) {
        L->state = mem + 4 * C, L->nstate = 2 * (size_t)C;
        for (int c = 0; c < C; c++) L->state[C + c] = 1.0f; /* running variance */
    }
    snprintf(L->desc, sizeof L->desc, "%s", ops->kind);
    return 0;
}

int net_batchnorm_init(net_layer *L, char *err, size_t errlen) { return norm_init(L, &bn_ops, 1, err, errlen); }
int net_layernorm_init(net_layer *L, char *err, size_t errlen) { return norm_init(L, &ln_ops, 0, err, errlen); }
