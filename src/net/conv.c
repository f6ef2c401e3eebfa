/*
 * 2-D convolution (NCHW; kernel k x k, stride, zero padding, groups) by
 * im2col and GEMM, one sample at a time: the samples are split over the
 * threads, each with its own columns (Cg*k*k x P floats, which stay in L2)
 * and single-threaded GEMMs writing straight into the NCHW output.  For
 * group g with Cg = C/G inputs, Fg = F/G filters and P = Ho*Wo pixels:
 *
 * forward   col[Cg*k*k][P] = im2col(x_s);  y_s[Fg][P] = W[Fg][Cg*k*k] col + b
 * backward  col again;  dW += dy_s col^T;  db += sum dy_s;  dcol = W^T dy_s;  dx_s = col2im(dcol)
 *
 * Recomputing the columns in the backward costs less than keeping a batch's
 * worth (tens of MB) and reading it back from memory.  dW and db are summed
 * per thread and added in thread order, so a run repeats exactly for a given
 * thread count.  Depthwise (G = C) works but degenerates into thin GEMMs.
 *
 * 3x3 stride-1 convolutions with 4 or more input channels and no groups
 * take Winograd's F(2x2, 3x3) instead (conv_winograd.c): 2.25x fewer
 * multiplies, chunks of images per thread.  ACTIV_CONV=im2col in the
 * environment forces the general path (for comparisons).
 */
#include <cblas.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/conv_winograd.h"
#include "net/net.h"
#include "net/simd.h"

typedef struct conv_cfg {
    int k, stride, pad, groups;
    int threads;       /* scratch is laid out for this many threads */
    size_t per_thread; /* floats of scratch per thread */
    float *scratch;
    int wino;          /* the Winograd path: */
    int chunk;         /*   images per work item */
    float *U;          /*   transformed filters, [16][F][C] (forward) and [16][C][F] (dx) */
} conv_cfg;

/* images per Winograd work item: about 160 tiles.  Measured on cnn's conv2 (49 tiles an image), 1
   thread: 2-4 images a chunk run alike, 8 or more 20-30% slower (the chunk's transforms leave L2) */
static int wino_chunk(const net_layer *L)
{
    const size_t t = wino_tiles(L->out_h, L->out_w);
    return t >= 160 ? 1 : (int)((160 + t - 1) / t);
}

/* per thread: V and M (or Z) for the forward and dW, V and M for dx, and partial dW (16 F C) and db */
static size_t wino_scratch(const net_layer *L, int chunk)
{
    const size_t C = (size_t)L->in_c, F = (size_t)L->out_c;
    const size_t T = (size_t)chunk * wino_tiles(L->out_h, L->out_w) + WINO_SLACK;
    const size_t T2 = (size_t)chunk * wino_tiles(L->in_h, L->in_w) + WINO_SLACK;
    return 16 * (C + F) * T + 16 * (C + F) * T2 + 16 * F * C + F;
}

static void wino_forward(net_layer *L, const conv_cfg *cf, const float *x, float *y, size_t n)
{
    const int C = L->in_c, F = L->out_c, S = cf->chunk;
    const size_t tiles = wino_tiles(L->out_h, L->out_w), T = (size_t)S * tiles + WINO_SLACK; /* row stride */
    const size_t nchunks = (n + S - 1) / S;
    wino_filters(L->params[0].v, F, C, 0, cf->U);
#pragma omp parallel
    {
        float *V = cf->scratch + (size_t)omp_get_thread_num() * cf->per_thread, *M = V + 16 * (size_t)C * T;
#pragma omp for schedule(static)
        for (size_t k = 0; k < nchunks; k++) {
            const size_t s0 = k * S, cnt = n - s0 < (size_t)S ? n - s0 : (size_t)S;
            for (size_t s = 0; s < cnt; s++)
                wino_inputs(x + (s0 + s) * L->in_dim, C, L->in_h, L->in_w, cf->pad, L->out_h, L->out_w, V, T,
                            s * tiles);
            wino_multiply(cf->U, F, C, V, M, cnt * tiles, T);
            for (size_t s = 0; s < cnt; s++)
                wino_outputs(M, F, T, s * tiles, L->params[1].v, y + (s0 + s) * L->out_dim, L->out_h, L->out_w);
        }
    }
}

static void wino_backward(net_layer *L, const conv_cfg *cf, const float *x, const float *dy, float *dx, size_t n)
{
    const int C = L->in_c, F = L->out_c, S = cf->chunk, H = L->in_h, W = L->in_w, Ho = L->out_h, Wo = L->out_w;
    const size_t tiles = wino_tiles(Ho, Wo), T = (size_t)S * tiles + WINO_SLACK; /* row strides */
    const size_t tiles2 = wino_tiles(H, W), T2 = (size_t)S * tiles2 + WINO_SLACK;
    const size_t nchunks = (n + S - 1) / S, P = (size_t)Ho * Wo, nd = 16 * (size_t)F * C;
    if (dx) wino_filters(L->params[0].v, F, C, 1, cf->U + nd);
    int nthreads = 1;
#pragma omp parallel
    {
        const int t = omp_get_thread_num();
#pragma omp single
        nthreads = omp_get_num_threads();
        float *V = cf->scratch + (size_t)t * cf->per_thread, *Z = V + 16 * (size_t)C * T;
        float *V2 = Z + 16 * (size_t)F * T, *M2 = V2 + 16 * (size_t)F * T2;
        float *D = M2 + 16 * (size_t)C * T2, *db = D + nd; /* this thread's partial sums */
        memset(D, 0, (nd + F) * sizeof *D);
#pragma omp for schedule(static)
        for (size_t k = 0; k < nchunks; k++) {
            const size_t s0 = k * S, cnt = n - s0 < (size_t)S ? n - s0 : (size_t)S;
            for (size_t s = 0; s < cnt; s++) {
                const float *dys = dy + (s0 + s) * L->out_dim;
                wino_inputs(x + (s0 + s) * L->in_dim, C, H, W, cf->pad, Ho, Wo, V, T, s * tiles);
                wino_output_grads(dys, F, Ho, Wo, Z, T, s * tiles);
                for (int f = 0; f < F; f++) db[f] += net_sum(dys + (size_t)f * P, P);
            }
            wino_accumulate(Z, F, V, C, cnt * tiles, T, D);
            if (!dx) continue;
            /* dx: the convolution of dy with the flipped, transposed filters, padded by 2 - pad */
            for (size_t s = 0; s < cnt; s++)
                wino_inputs(dy + (s0 + s) * L->out_dim, F, Ho, Wo, 2 - cf->pad, H, W, V2, T2, s * tiles2);
            wino_multiply(cf->U + nd, C, F, V2, M2, cnt * tiles2, T2);
            for (size_t s = 0; s < cnt; s++) wino_outputs(M2, C, T2, s * tiles2, NULL, dx + (s0 + s) * L->in_dim, H, W);
        }
    }
    /* the threads' partial sums, added in thread order: the same result for the same thread count */
    float *D = cf->scratch + (cf->per_thread - nd - F);
    for (int t = 1; t < nthreads; t++) {
        const float *Dt = D + (size_t)t * cf->per_thread;
        for (size_t i = 0; i < nd + (size_t)F; i++) D[i] += Dt[i];
    }
    wino_filter_grads(D, F, C, L->params[0].g);
    memcpy(L->params[1].g, D + nd, (size_t)F * sizeof(float));
}

/* the output columns ox whose input column ox*stride - pad + kx falls inside [0, W): [lo, hi) */
static void valid_span(int kx, int stride, int pad, int W, int Wo, int *lo, int *hi)
{
    int a = pad - kx, b = W + pad - kx; /* need a <= ox*stride < b */
    *lo = a <= 0 ? 0 : (a + stride - 1) / stride;
    *hi = b <= 0 ? 0 : (b + stride - 1) / stride;
    if (*hi > Wo) *hi = Wo;
    if (*lo > *hi) *lo = *hi;
}

/* row r = (c, ky, kx) of group g for one sample's plane set x: P = Ho*Wo values into d */
static void im2col_row(const net_layer *L, const conv_cfg *cf, const float *x, int g, int r, float *d)
{
    const int k = cf->k, st = cf->stride, Cg = L->in_c / cf->groups, H = L->in_h, W = L->in_w;
    const int Ho = L->out_h, Wo = L->out_w;
    const int c = g * Cg + r / (k * k), ky = r / k % k, kx = r % k;
    int lo, hi;
    valid_span(kx, st, cf->pad, W, Wo, &lo, &hi);
    const float *plane = x + (size_t)c * H * W;
    for (int oy = 0; oy < Ho; oy++, d += Wo) {
        const int iy = oy * st - cf->pad + ky;
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

/* adds row r of a sample's dcol (P values) back into its input planes dx (the transpose of im2col_row) */
static void col2im_row(const net_layer *L, const conv_cfg *cf, const float *src, int g, int r, float *dx)
{
    const int k = cf->k, st = cf->stride, Cg = L->in_c / cf->groups, H = L->in_h, W = L->in_w;
    const int Ho = L->out_h, Wo = L->out_w;
    const int c = g * Cg + r / (k * k), ky = r / k % k, kx = r % k;
    int lo, hi;
    valid_span(kx, st, cf->pad, W, Wo, &lo, &hi);
    float *plane = dx + (size_t)c * H * W;
    for (int oy = 0; oy < Ho; oy++) {
        const int iy = oy * st - cf->pad + ky;
        if (iy < 0 || iy >= H) continue;
        float *row = plane + (size_t)iy * W - cf->pad + kx;
        const float *sr = src + (size_t)oy * Wo;
        for (int ox = lo; ox < hi; ox++) row[ox * st] += sr[ox];
    }
}

static int conv_reserve(net_layer *L, size_t batch);

static void conv_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    (void)train;
    conv_cfg *cf = L->priv;
    if (conv_reserve(L, n)) abort(); /* more threads than when the scratch was laid out */
    if (cf->wino) {
        wino_forward(L, cf, x, y, n);
        return;
    }
    const int G = cf->groups, Fg = L->out_c / G, Kg = L->in_c / G * cf->k * cf->k, P = L->out_h * L->out_w;
    const float *b = L->params[1].v;
#pragma omp parallel
    {
        float *col = cf->scratch + (size_t)omp_get_thread_num() * cf->per_thread;
#pragma omp for schedule(static)
        for (size_t s = 0; s < n; s++) {
            const float *xs = x + s * L->in_dim;
            float *ys = y + s * L->out_dim;
            for (int g = 0; g < G; g++) {
                for (int r = 0; r < Kg; r++) im2col_row(L, cf, xs, g, r, col + (size_t)r * P);
                float *yg = ys + (size_t)g * Fg * P;
                for (int f = 0; f < Fg; f++)
                    for (int p = 0; p < P; p++) yg[(size_t)f * P + p] = b[g * Fg + f];
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Fg, P, Kg, 1.0f,
                            L->params[0].v + (size_t)g * Fg * Kg, Kg, col, P, 1.0f, yg, P);
            }
        }
    }
}

static void conv_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)y;
    conv_cfg *cf = L->priv;
    if (conv_reserve(L, n)) abort();
    if (cf->wino) {
        wino_backward(L, cf, x, dy, dx, n);
        return;
    }
    const int G = cf->groups, Fg = L->out_c / G, Kg = L->in_c / G * cf->k * cf->k, P = L->out_h * L->out_w;
    const size_t nw = L->params[0].n;
    const int F = L->out_c;
    int nthreads = 1;
#pragma omp parallel
    {
        const int t = omp_get_thread_num();
#pragma omp single
        nthreads = omp_get_num_threads();
        float *col = cf->scratch + (size_t)t * cf->per_thread, *dcol = col + (size_t)Kg * P;
        float *dw = dcol + (size_t)Kg * P, *db = dw + nw; /* this thread's partial sums */
        memset(dw, 0, (nw + F) * sizeof *dw);
#pragma omp for schedule(static)
        for (size_t s = 0; s < n; s++) {
            const float *xs = x + s * L->in_dim, *dys = dy + s * L->out_dim;
            float *dxs = dx ? dx + s * L->in_dim : NULL;
            if (dxs) memset(dxs, 0, L->in_dim * sizeof *dxs);
            for (int g = 0; g < G; g++) {
                const float *dyg = dys + (size_t)g * Fg * P, *Wg = L->params[0].v + (size_t)g * Fg * Kg;
                for (int r = 0; r < Kg; r++) im2col_row(L, cf, xs, g, r, col + (size_t)r * P);
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Fg, Kg, P, 1.0f, dyg, P, col, P, 1.0f,
                            dw + (size_t)g * Fg * Kg, Kg);
                for (int f = 0; f < Fg; f++) db[g * Fg + f] += net_sum(dyg + (size_t)f * P, (size_t)P);
                if (!dxs) continue;
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Kg, P, Fg, 1.0f, Wg, Kg, dyg, P, 0.0f, dcol, P);
                for (int r = 0; r < Kg; r++) col2im_row(L, cf, dcol + (size_t)r * P, g, r, dxs);
            }
        }
    }
    /* the threads' partial sums, added in thread order: the same result for the same thread count */
    float *gw = L->params[0].g, *gb = L->params[1].g;
    memcpy(gw, cf->scratch + 2 * (size_t)Kg * P, nw * sizeof *gw);
    memcpy(gb, cf->scratch + 2 * (size_t)Kg * P + nw, F * sizeof *gb);
    for (int t = 1; t < nthreads; t++) {
        const float *dw = cf->scratch + (size_t)t * cf->per_thread + 2 * (size_t)Kg * P, *db = dw + nw;
        for (size_t i = 0; i < nw; i++) gw[i] += dw[i];
        for (int f = 0; f < F; f++) gb[f] += db[f];
    }
}

/* per thread: one sample's columns and their gradient (Kg x P each), and partial dW and db */
static int conv_reserve(net_layer *L, size_t batch)
{
    (void)batch;
    conv_cfg *cf = L->priv;
    const int threads = omp_get_max_threads();
    if (cf->scratch && threads <= cf->threads) return 0;
    const size_t Kg = (size_t)L->in_c / cf->groups * cf->k * cf->k, P = (size_t)L->out_h * L->out_w;
    free(cf->scratch);
    cf->per_thread = cf->wino ? wino_scratch(L, cf->chunk) : 2 * Kg * P + L->params[0].n + (size_t)L->out_c;
    /* zeroed: the Winograd path computes (and drops) junk lanes from the slack, which must be finite */
    cf->scratch = calloc((size_t)threads * cf->per_thread, sizeof *cf->scratch);
    cf->threads = cf->scratch ? threads : 0;
    return cf->scratch ? 0 : -1;
}

static void conv_release(net_layer *L)
{
    conv_cfg *cf = L->priv;
    free(cf->scratch), free(cf->U);
    cf->scratch = cf->U = NULL, cf->threads = 0;
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
    const char *force = getenv("ACTIV_CONV");
    if (k == 3 && stride == 1 && groups == 1 && pad <= 2 && L->in_c >= 4 && filters >= 4 &&
        (Wo + 1) / 2 <= WINO_MAX_TW && (L->in_w + 1) / 2 <= WINO_MAX_TW && !(force && !strcmp(force, "im2col"))) {
        cf->wino = 1, cf->chunk = wino_chunk(L);
        cf->U = malloc(2 * 16 * nw * sizeof *cf->U); /* forward and flipped */
        if (!cf->U) {
            snprintf(err, errlen, "conv: out of memory");
            return -1; /* priv and mem are freed with the layer */
        }
    }
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
