/*
 * Dense (fully connected) layer: y[n][o] = sum_i x[n][i] W[o][i] + b[o].
 * Inputs of any shape are taken flat (c*h*w features), as after a flatten.
 *
 * forward   y  = x W^T + b                      one GEMM
 * backward  dW = dy^T x,  db = sum_n dy,  dx = dy W   two GEMMs
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

static void dense_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    (void)train;
    const int in = (int)L->in_dim, out = (int)L->out_dim;
    const float *W = L->params[0].v, *b = L->params[1].v;
    for (size_t s = 0; s < n; s++) memcpy(y + s * out, b, out * sizeof *y);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n, out, in, 1.0f, x, in, W, in, 1.0f, y, out);
}

static void dense_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)y;
    const int in = (int)L->in_dim, out = (int)L->out_dim;
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, out, in, (int)n, 1.0f, dy, out, x, in, 0.0f,
                L->params[0].g, in);
    float *db = L->params[1].g;
    memset(db, 0, out * sizeof *db);
    for (size_t s = 0; s < n; s++)
        for (int o = 0; o < out; o++) db[o] += dy[s * out + o];
    if (dx)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, in, out, 1.0f, dy, out, L->params[0].v, in,
                    0.0f, dx, in);
}

static const net_layer_ops dense_ops = {"dense", dense_forward, dense_backward, NULL, NULL};

int net_dense_init(net_layer *L, int units, char *err, size_t errlen)
{
    if (units < 1 || units > (1 << 20)) {
        snprintf(err, errlen, "dense: units must be 1..%d, not %d", 1 << 20, units);
        return -1;
    }
    L->ops = &dense_ops;
    L->out_c = units, L->out_h = L->out_w = 1;
    L->out_dim = (size_t)units;
    size_t nw = L->in_dim * (size_t)units;
    float *mem = calloc(2 * (nw + units), sizeof *mem);
    if (!mem) {
        snprintf(err, errlen, "dense %d: out of memory for %zu weights", units, nw);
        return -1;
    }
    L->mem = mem;
    L->params[0] = (net_param){.v = mem, .g = mem + nw, .n = nw, .decay = 1};
    L->params[1] = (net_param){.v = mem + 2 * nw, .g = mem + 2 * nw + units, .n = (size_t)units};
    L->nparams = 2;
    snprintf(L->desc, sizeof L->desc, "dense %d", units);
    return 0;
}
