/*
 * Parameters per tensor, per channel and per unit, in NCHW and NHWC
 * (activ_forward_shared / activ_backward_shared), for every elementwise
 * entry with parameters, vector kernel or not: each element must use its
 * own slot's parameters, and the parameter gradients must land in the right
 * slots.  Compared with the scalar functions element by element (accuracy
 * itself is kernel.NAME's business, so the tolerance here is loose: what it
 * catches is a wrong slot).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep.h"

static long failures, cases;

static int close_enough(double a, double b)
{
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return fabs(a - b) <= 1e-4 * fabs(b) + 1e-30 || fabs(a - b) <= 1e-6;
}

static void run(const activ_entry *e, unsigned share, activ_layout layout)
{
    activ_tensor_shape s = {2, 5, 7, layout, share};
    size_t n = s.batch * s.channels * s.inner, ns = activ_shape_slots(&s), np = e->nparams;
    float *params = malloc(np * ns * sizeof *params), *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    float *dy = malloc(n * sizeof *dy), *dx = malloc(n * sizeof *dx);
    double *dp = calloc(np * ns, sizeof *dp), *want = calloc(np * ns, sizeof *want);
    uint64_t seed = 77 + share + 10 * layout;
    /* every slot its own valid parameters (random sets 1..3 by turn) */
    double sets[3][ACTIV_MAX_PARAMS];
    for (int k = 0; k < 3; k++) sw_params(e, k + 1, sets[k]);
    for (size_t sl = 0; sl < ns; sl++)
        for (size_t k = 0; k < np; k++) params[k * ns + sl] = (float)sets[sl % 3][k];
    for (size_t i = 0; i < n; i++) x[i] = (float)(6 * sw_uniform(&seed) - 3), dy[i] = (float)sw_uniform(&seed);
    activ_forward_shared(e, params, &s, x, y);
    activ_backward_shared(e, params, &s, x, dy, dx, dp);
    cases++;
    int bad = 0;
    for (size_t b = 0; b < s.batch; b++)
        for (size_t c = 0; c < s.channels; c++)
            for (size_t i = 0; i < s.inner; i++) {
                size_t at = layout == ACTIV_LAYOUT_NCHW ? (b * s.channels + c) * s.inner + i
                                                        : (b * s.inner + i) * s.channels + c;
                size_t sl = share == ACTIV_SHARE_SCALAR ? 0 : share == ACTIV_SHARE_CHANNEL ? c : c * s.inner + i;
                float pf[ACTIV_MAX_PARAMS];
                double pd[ACTIV_MAX_PARAMS], g[ACTIV_MAX_PARAMS];
                for (size_t k = 0; k < np; k++) pf[k] = params[k * ns + sl], pd[k] = pf[k];
                double wy = activ_f32(e, x[at], pf), wdx = (double)dy[at] * activ_df64(e, x[at], pd);
                activ_dp64(e, x[at], pd, g);
                for (size_t k = 0; k < np; k++) want[k * ns + sl] += dy[at] * g[k];
                if ((!close_enough(y[at], wy) || !close_enough(dx[at], wdx)) && !bad++ && failures++ < 10)
                    printf("FAIL %s share %u layout %d element (%zu,%zu,%zu): y %g want %g, dx %g want %g\n", e->name,
                           share, layout, b, c, i, y[at], wy, dx[at], wdx);
            }
    for (size_t q = 0; q < np * ns; q++) {
        double mag = 0;
        for (size_t i = 0; i < n; i++) mag += fabs(dy[i]);
        if (!(fabs(dp[q] - want[q]) <= 1e-4 * (fabs(want[q]) + mag * 1e-3) + 1e-12) && !bad++ && failures++ < 10)
            printf("FAIL %s share %u layout %d: dparam[%zu] = %g, want %g\n", e->name, share, layout, q, dp[q], want[q]);
    }
    free(params), free(x), free(y), free(dy), free(dx), free(dp), free(want);
}

/* per tensor, the backward with parameter gradients is one fused pass: it must give the very bits of
   activ_backward and activ_param_grad (over several chunks and threads' worth of elements) */
static void fused_same_bits(const activ_entry *e)
{
    const size_t n = 100003, np = e->nparams;
    float *x = malloc(n * sizeof *x), *dy = malloc(n * sizeof *dy), *dx1 = malloc(n * sizeof *dx1);
    float *dx2 = malloc(n * sizeof *dx2), p[ACTIV_MAX_PARAMS];
    double d[ACTIV_MAX_PARAMS], g1[ACTIV_MAX_PARAMS], g2[ACTIV_MAX_PARAMS] = {0};
    activ_defaults(e, d);
    for (size_t q = 0; q < np; q++) p[q] = (float)d[q];
    uint64_t st = 41;
    for (size_t i = 0; i < n; i++) x[i] = (float)(12 * sw_uniform(&st) - 6), dy[i] = (float)(sw_uniform(&st) - 0.5);
    activ_backward(e, p, x, dy, dx1, n);
    activ_param_grad(e, p, x, dy, n, g1);
    activ_tensor_shape s = {1, 1, n, ACTIV_LAYOUT_NCHW, ACTIV_SHARE_SCALAR};
    activ_backward_shared(e, p, &s, x, dy, dx2, g2);
    cases++;
    if ((memcmp(dx1, dx2, n * sizeof *dx1) || memcmp(g1, g2, np * sizeof *g1)) && failures++ < 10)
        printf("FAIL %s: the one-pass backward with parameter gradients differs from the two passes\n", e->name);
    free(x), free(dy), free(dx1), free(dx2);
}

int main(void)
{
    for (size_t i = 0; i < activ_catalog_size(); i++) {
        const activ_entry *e = activ_catalog_get(i);
        if (e->kind != ACTIV_KIND_ELEMENTWISE || e->nparams == 0) continue;
        for (unsigned share = ACTIV_SHARE_SCALAR; share <= ACTIV_SHARE_UNIT; share <<= 1)
            for (int layout = 0; layout < 2; layout++) run(e, share, (activ_layout)layout);
        fused_same_bits(e);
    }
    printf("%ld cases; %s\n", cases, failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
