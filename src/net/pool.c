/*
 * Pooling over k x k windows with a stride (no padding; a partial window at
 * the edge is dropped, as PyTorch's default), and global average pooling.
 *
 * max  forward  y = max of the window (first maximum wins; its index kept)
 *      backward dx[argmax] += dy
 * avg  forward  y = mean of the window
 *      backward dx[window] += dy / k^2
 * gap  forward  y[c] = mean over H x W;  backward dx = dy[c] / (H W)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"
#include "net/simd.h"

typedef struct pool_cfg {
    int max, k, stride;
    size_t cap;
    int *arg; /* per output: the winning input's offset within its plane */
} pool_cfg;

/* v where it beats best (is larger, or NaN while best is not: NaN wins, so a diverging run shows) */
NET_INLINE void take4(v4 v, v4i iv, v4 *best, v4i *at)
{
    const v4i m = ~(v <= *best) & (*best == *best);
    *best = (v4)(((v4i)v & m) | ((v4i)*best & ~m));
    *at = (iv & m) | (*at & ~m);
}

/* one output row of the 2x2 stride-2 max pool, 4 outputs at a time (the last 4 overlap when Wo % 4 != 0) */
NET_CLONES static void maxpool2_row(const float *in, int W, int oy, int Wo, float *out, int *arg)
{
    const float *r0 = in + (size_t)2 * oy * W, *r1 = r0 + W;
    for (int ox = 0; ox < Wo; ox += 4) {
        const int o = ox + 4 <= Wo ? ox : Wo - 4;
        const v4 p = ld4(r0 + 2 * o), q = ld4(r0 + 2 * o + 4), u = ld4(r1 + 2 * o), w = ld4(r1 + 2 * o + 4);
        const v4i ia = (v4i){0, 2, 4, 6} + 2 * oy * W + 2 * o;
        v4 best = SHUFFLE4(p, q, 0, 2, 4, 6);
        v4i at = ia;
        take4(SHUFFLE4(p, q, 1, 3, 5, 7), ia + 1, &best, &at);
        take4(SHUFFLE4(u, w, 0, 2, 4, 6), ia + W, &best, &at);
        take4(SHUFFLE4(u, w, 1, 3, 5, 7), ia + W + 1, &best, &at);
        st4(out + o, best), st4i(arg + o, at);
    }
}

/* the gradient of one output row of the 2x2 max pool, written whole (each window's winner gets dy, the
   other three 0: no clearing pass, no scatter); 4 windows a step, the last 4 overlapping */
NET_CLONES static void maxpool2_grad_row(const float *d, const int *arg, int W, int oy, int Wo, float *g)
{
    float *g0 = g + (size_t)2 * oy * W, *g1 = g0 + W;
    for (int ox = 0; ox < Wo; ox += 4) {
        const int o = ox + 4 <= Wo ? ox : Wo - 4;
        const v4i at = ld4i(arg + o), ia = (v4i){0, 2, 4, 6} + 2 * oy * W + 2 * o, dv = (v4i)ld4(d + o);
        const v4 ga = (v4)(dv & (ia == at)), gb = (v4)(dv & (ia + 1 == at));
        const v4 gc = (v4)(dv & (ia + W == at)), gd = (v4)(dv & (ia + W + 1 == at));
        st4(g0 + 2 * o, SHUFFLE4(ga, gb, 0, 4, 1, 5)), st4(g0 + 2 * o + 4, SHUFFLE4(ga, gb, 2, 6, 3, 7));
        st4(g1 + 2 * o, SHUFFLE4(gc, gd, 0, 4, 1, 5)), st4(g1 + 2 * o + 4, SHUFFLE4(gc, gd, 2, 6, 3, 7));
    }
}

/* the common 2x2 stride-2 max pool, without the general loop's bookkeeping (first maximum wins) */
static void maxpool2(net_layer *L, const float *x, float *y, size_t n, int *args)
{
    const int W = L->in_w, Ho = L->out_h, Wo = L->out_w;
    const long planes = (long)(n * L->in_c);
#pragma omp parallel for schedule(static)
    for (long pl = 0; pl < planes; pl++) {
        const float *in = x + pl * L->in_h * W;
        float *out = y + pl * Ho * Wo;
        int *arg = args + pl * Ho * Wo;
        for (int oy = 0; oy < Ho; oy++) maxpool2_row(in, W, oy, Wo, out + oy * Wo, arg + oy * Wo);
    }
}

static void pool_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    (void)train;
    pool_cfg *pc = L->priv;
    if (pc->max && pc->k == 2 && pc->stride == 2 && L->out_w >= 4) {
        maxpool2(L, x, y, n, pc->arg);
        return;
    }
    const int k = pc->k, st = pc->stride, H = L->in_h, W = L->in_w, Ho = L->out_h, Wo = L->out_w;
    const long planes = (long)(n * L->in_c);
#pragma omp parallel for schedule(static)
    for (long pl = 0; pl < planes; pl++) {
        const float *in = x + pl * H * W;
        float *out = y + pl * Ho * Wo;
        int *arg = pc->arg ? pc->arg + pl * Ho * Wo : NULL;
        for (int oy = 0; oy < Ho; oy++)
            for (int ox = 0; ox < Wo; ox++) {
                const int y0 = oy * st, x0 = ox * st;
                if (pc->max) {
                    int best = y0 * W + x0;
                    for (int dy = 0; dy < k; dy++)
                        for (int dx = 0; dx < k; dx++) {
                            const int at = (y0 + dy) * W + x0 + dx;
                            /* NaN wins, so a diverging run shows as such */
                            if (in[at] > in[best] || (in[at] != in[at] && in[best] == in[best])) best = at;
                        }
                    out[oy * Wo + ox] = in[best];
                    arg[oy * Wo + ox] = best;
                } else {
                    float sum = 0;
                    for (int dy = 0; dy < k; dy++)
                        for (int dx = 0; dx < k; dx++) sum += in[(y0 + dy) * W + x0 + dx];
                    out[oy * Wo + ox] = sum / (float)(k * k);
                }
            }
    }
}

static void pool_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)x, (void)y;
    if (!dx) return;
    pool_cfg *pc = L->priv;
    const int k = pc->k, st = pc->stride, H = L->in_h, W = L->in_w, Ho = L->out_h, Wo = L->out_w;
    const long planes = (long)(n * L->in_c);
    if (pc->max && k == 2 && st == 2 && Wo >= 4 && H % 2 == 0 && W % 2 == 0) {
        /* the windows tile the plane exactly: every dx element is written once */
#pragma omp parallel for schedule(static)
        for (long pl = 0; pl < planes; pl++)
            for (int oy = 0; oy < Ho; oy++)
                maxpool2_grad_row(dy + pl * Ho * Wo + oy * Wo, pc->arg + pl * Ho * Wo + oy * Wo, W, oy, Wo,
                                  dx + pl * H * W);
        return;
    }
#pragma omp parallel for schedule(static)
    for (long pl = 0; pl < planes; pl++) {
        float *g = dx + pl * H * W;
        const float *d = dy + pl * Ho * Wo;
        memset(g, 0, (size_t)H * W * sizeof *g);
        for (int o = 0; o < Ho * Wo; o++) {
            if (pc->max) {
                g[pc->arg[pl * Ho * Wo + o]] += d[o];
                continue;
            }
            const int y0 = o / Wo * st, x0 = o % Wo * st;
            const float share = d[o] / (float)(k * k);
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) g[(y0 + a) * W + x0 + b] += share;
        }
    }
}

static int pool_reserve(net_layer *L, size_t batch)
{
    pool_cfg *pc = L->priv;
    if (!pc->max || batch <= pc->cap) return 0;
    free(pc->arg);
    pc->arg = malloc(batch * L->out_dim * sizeof *pc->arg);
    pc->cap = pc->arg ? batch : 0;
    return pc->arg ? 0 : -1;
}

static void pool_release(net_layer *L)
{
    pool_cfg *pc = L->priv;
    free(pc->arg);
    pc->arg = NULL, pc->cap = 0;
}

static const net_layer_ops pool_ops = {"pool", pool_forward, pool_backward, pool_reserve, pool_release};

int net_pool_init(net_layer *L, int max, int k, int stride, char *err, size_t errlen)
{
    const char *name = max ? "maxpool" : "avgpool";
    if (stride <= 0) stride = k;
    if (k < 1 || k > 64 || stride > 64 || k > L->in_h || k > L->in_w) {
        snprintf(err, errlen, "%s: a %dx%d window (stride %d) does not fit a %dx%d input", name, k, k, stride,
                 L->in_h, L->in_w);
        return -1;
    }
    pool_cfg *pc = calloc(1, sizeof *pc);
    if (!pc) {
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    *pc = (pool_cfg){.max = max, .k = k, .stride = stride};
    L->ops = &pool_ops, L->priv = pc;
    L->out_c = L->in_c, L->out_h = (L->in_h - k) / stride + 1, L->out_w = (L->in_w - k) / stride + 1;
    L->out_dim = (size_t)L->out_c * L->out_h * L->out_w;
    if (stride == k)
        snprintf(L->desc, sizeof L->desc, "%s %d", name, k);
    else
        snprintf(L->desc, sizeof L->desc, "%s %d s%d", name, k, stride);
    return 0;
}

static void gap_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    (void)train;
    const size_t P = (size_t)L->in_h * L->in_w;
    for (size_t pl = 0; pl < n * L->in_c; pl++) {
        double sum = 0;
        for (size_t i = 0; i < P; i++) sum += x[pl * P + i];
        y[pl] = (float)(sum / (double)P);
    }
}

static void gap_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)x, (void)y;
    if (!dx) return;
    const size_t P = (size_t)L->in_h * L->in_w;
    for (size_t pl = 0; pl < n * L->in_c; pl++)
        for (size_t i = 0; i < P; i++) dx[pl * P + i] = dy[pl] / (float)P;
}

static const net_layer_ops gap_ops = {"gap", gap_forward, gap_backward, NULL, NULL};

int net_gap_init(net_layer *L, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    L->ops = &gap_ops;
    L->out_c = L->in_c, L->out_h = L->out_w = 1, L->out_dim = (size_t)L->in_c;
    snprintf(L->desc, sizeof L->desc, "gap");
    return 0;
}
