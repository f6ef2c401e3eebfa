/*
 * 2-D convolution (NCHW; kernel k x k, stride, zero padding, groups) by
 * im2col and one GEMM per group over the whole batch, so OpenBLAS sees
 * large matrices and threads well.  For group g with Cg = C/G inputs and
 * Fg = F/G filters, P = Ho*Wo output pixels and n samples:
 *
 * forward   col[Cg*k*k][n*P] = im2col(x);  Y[Fg][n*P] = W[Fg][Cg*k*k] col;  y = Y + b (to NCHW)
 * backward  dY = dy (from NCHW);  dW = dY col^T;  db = sum dY;  dcol = W^T dY;  dx = col2im(dcol)
 *
 * col is kept from the forward for the backward.  Depthwise (G = C) works
 * but degenerates into thin GEMMs.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

typedef struct conv_cfg {
    int k, stride, pad, groups;
    size_t cap;
    float *col, *tmp; /* col: C*k*k x cap*P;  tmp: F x cap*P (Y or dY, then dcol reuses col) */
} conv_cfg;

/* the output columns ox whose input column ox*stride - pad + kx falls inside [0, W): [lo, hi) */
static void valid_span(int kx, int stride, int pad, int W, int Wo, int *lo, int *hi)
{
    int a = pad - kx, b = W + pad - kx; /* need a <= ox*stride < b */
    *lo = a <= 0 ? 0 : (a + stride - 1) / stride;
    *hi = b <= 0 ? 0 : (b + stride - 1) / stride;
    if (*hi > Wo) *hi = Wo;
    if (*lo > *hi) *lo = *hi;
}

/* col rows r = (c, ky, kx) of group g; columns s*P + oy*Wo + ox */
static void im2col(const net_layer *L, const conv_cfg *cf, const float *x, float *col, size_t n, int g)
{
    const int k = cf->k, st = cf->stride, Cg = L->in_c / cf->groups, H = L->in_h, W = L->in_w;
    const int Ho = L->out_h, Wo = L->out_w, P = Ho * Wo, rows = Cg * k * k;
#pragma omp parallel for schedule(static)
    for (int r = 0; r < rows; r++) {
        const int c = g * Cg + r / (k * k), ky = r / k % k, kx = r % k;
        int lo, hi;
        valid_span(kx, st, cf->pad, W, Wo, &lo, &hi);
        float *dst = col + (size_t)r * n * P;
        for (size_t s = 0; s < n; s++) {
            const float *plane = x + (s * L->in_c + c) * (size_t)H * W;
            for (int oy = 0; oy < Ho; oy++) {
                const int iy = oy * st - cf->pad + ky;
                float *d = dst + s * P + (size_t)oy * Wo;
                if (iy < 0 || iy >= H) {
                    memset(d, 0, Wo * sizeof *d);
                    continue;
                }
                const float *row = plane + (size_t)iy * W - cf->pad + kx;
                for (int ox = 0; ox < lo; ox++) d[ox] = 0.0f;
                if (st == 1)
                    memcpy(d + lo, row + lo, (size_t)(hi - lo) * sizeof *d);
                else
                    for (int ox = lo; ox < hi; ox++) d[ox] = row[ox * st];
                for (int ox = hi; ox < Wo; ox++) d[ox] = 0.0f;
            }
        }
    }
}

static void col2im(const net_layer *L, const conv_cfg *cf, const float *col, float *dx, size_t n, int g)
{
    const int k = cf->k, st = cf->stride, Cg = L->in_c / cf->groups, H = L->in_h, W = L->in_w;
    const int Ho = L->out_h, Wo = L->out_w, P = Ho * Wo;
#pragma omp parallel for schedule(static)
    for (int ci = 0; ci < Cg; ci++) {
        const int c = g * Cg + ci;
        for (size_t s = 0; s < n; s++) {
            float *plane = dx + (s * L->in_c + c) * (size_t)H * W;
            memset(plane, 0, (size_t)H * W * sizeof *plane);
            for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++) {
                    int lo, hi;
                    valid_span(kx, st, cf->pad, W, Wo, &lo, &hi);
                    const float *src = col + ((size_t)(ci * k + ky) * k + kx) * n * P + s * P;
                    for (int oy = 0; oy < Ho; oy++) {
                        const int iy = oy * st - cf->pad + ky;
                        if (iy < 0 || iy >= H) continue;
                        float *row = plane + (size_t)iy * W - cf->pad + kx;
                        const float *sr = src + (size_t)oy * Wo;
                        for (int ox = lo; ox < hi; ox++) row[ox * st] += sr[ox];
                    }
                }
        }
    }
}

static void conv_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    (void)train;
    conv_cfg *cf = L->priv;
    const int G = cf->groups, Fg = L->out_c / G, Kg = L->in_c / G * cf->k * cf->k, P = L->out_h * L->out_w;
    const int nP = (int)(n * P);
    const float *b = L->params[1].v;
    for (int g = 0; g < G; g++) {
        float *col = cf->col + (size_t)g * Kg * nP;
        im2col(L, cf, x, col, n, g);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Fg, nP, Kg, 1.0f, L->params[0].v + (size_t)g * Fg * Kg,
                    Kg, col, nP, 0.0f, cf->tmp, nP);
#pragma omp parallel for schedule(static)
        for (size_t s = 0; s < n; s++)
            for (int f = 0; f < Fg; f++) {
                const float *src = cf->tmp + (size_t)f * nP + s * P;
                float *dst = y + (s * L->out_c + g * Fg + f) * (size_t)P, bias = b[g * Fg + f];
                for (int p = 0; p < P; p++) dst[p] = src[p] + bias;
            }
    }
}

static void conv_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)x, (void)y;
    conv_cfg *cf = L->priv;
    const int G = cf->groups, Fg = L->out_c / G, Kg = L->in_c / G * cf->k * cf->k, P = L->out_h * L->out_w;
    const int nP = (int)(n * P);
    float *db = L->params[1].g;
    for (int g = 0; g < G; g++) {
#pragma omp parallel for schedule(static)
        for (int f = 0; f < Fg; f++) {
            double sum = 0;
            for (size_t s = 0; s < n; s++) {
                const float *src = dy + (s * L->out_c + g * Fg + f) * (size_t)P;
                float *dst = cf->tmp + (size_t)f * nP + s * P, part = 0;
                memcpy(dst, src, (size_t)P * sizeof *dst);
                for (int p = 0; p < P; p++) part += src[p];
                sum += part;
            }
            db[g * Fg + f] = (float)sum;
        }
        float *col = cf->col + (size_t)g * Kg * nP;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Fg, Kg, nP, 1.0f, cf->tmp, nP, col, nP, 0.0f,
                    L->params[0].g + (size_t)g * Fg * Kg, Kg);
        if (!dx) continue;
        /* this group's columns are no longer needed: dcol overwrites them */
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Kg, nP, Fg, 1.0f, L->params[0].v + (size_t)g * Fg * Kg,
                    Kg, cf->tmp, nP, 0.0f, col, nP);
        col2im(L, cf, col, dx, n, g);
    }
}

static int conv_reserve(net_layer *L, size_t batch)
{
    conv_cfg *cf = L->priv;
    if (batch <= cf->cap) return 0;
    const size_t P = (size_t)L->out_h * L->out_w;
    free(cf->col), free(cf->tmp);
    cf->col = malloc((size_t)L->in_c * cf->k * cf->k * batch * P * sizeof *cf->col);
    cf->tmp = malloc((size_t)L->out_c * batch * P * sizeof *cf->tmp);
    cf->cap = cf->col && cf->tmp ? batch : 0;
    return cf->cap ? 0 : -1;
}

static void conv_release(net_layer *L)
{
    conv_cfg *cf = L->priv;
    free(cf->col), free(cf->tmp);
    cf->col = cf->tmp = NULL, cf->cap = 0;
}

static const net_layer_ops conv_ops = {"conv", conv_forward, conv_backward, conv_reserve, conv_release};

int net_conv_init(net_layer *L, int filters, int k, int stride, int pad, int groups, char *err, size_t errlen)
{
    if (filters < 1 || filters > 65536 || k < 1 || k > 64 || stride < 1 || stride > 64 || pad < 0 || pad > 64 ||
        groups < 1) {
        snprintf(err, errlen, "conv: bad settings (filters %d, k %d, stride %d, pad %d, groups %d)", filters, k,
                 stride, pad, groups);
        return -1;
    }
    if (L->in_c % groups || filters % groups) {
        snprintf(err, errlen, "conv: groups %d must divide the %d input channels and the %d filters", groups,
                 L->in_c, filters);
        return -1;
    }
    const int Ho = (L->in_h + 2 * pad - k) / stride + 1, Wo = (L->in_w + 2 * pad - k) / stride + 1;
    if (L->in_h + 2 * pad < k || L->in_w + 2 * pad < k || Ho < 1 || Wo < 1) {
        snprintf(err, errlen, "conv: a %dx%d kernel does not fit a %dx%d input with padding %d", k, k, L->in_h,
                 L->in_w, pad);
        return -1;
    }
    conv_cfg *cf = calloc(1, sizeof *cf);
    const size_t nw = (size_t)filters * (L->in_c / groups) * k * k;
    float *mem = calloc(2 * (nw + filters), sizeof *mem);
    if (!cf || !mem) {
        free(cf), free(mem);
        snprintf(err, errlen, "conv: out of memory");
        return -1;
    }
    *cf = (conv_cfg){.k = k, .stride = stride, .pad = pad, .groups = groups};
    L->ops = &conv_ops, L->priv = cf, L->mem = mem;
    L->out_c = filters, L->out_h = Ho, L->out_w = Wo;
    L->out_dim = (size_t)filters * Ho * Wo;
    L->params[0] = (net_param){.v = mem, .g = mem + nw, .n = nw, .decay = 1};
    L->params[1] = (net_param){.v = mem + 2 * nw, .g = mem + 2 * nw + filters, .n = (size_t)filters};
    L->nparams = 2;
    if (groups > 1)
        snprintf(L->desc, sizeof L->desc, "conv %d k%d s%d p%d g%d", filters, k, stride, pad, groups);
    else
        snprintf(L->desc, sizeof L->desc, "conv %d k%d s%d p%d", filters, k, stride, pad);
    return 0;
}
