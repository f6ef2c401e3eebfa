/*
 * Stochastic entries in training on the vector kernels
 * (activ_forward_drawn / activ_backward_drawn), for every stochastic entry:
 *  - the same outputs, input gradients and parameter gradients as the
 *    reference layer (activ_layer, double) with the same seed and step, for
 *    parameters per tensor, per channel and per unit;
 *  - the draws themselves: u ~ U[0, 1) seen through RReLU's slope and
 *    z ~ N(0, 1) through ProbAct's noise, against the known moments;
 *  - the same bits for one and two threads, new draws for a new step.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep.h"

static long failures, cases;

#define FAIL(...) (failures++ < 20 ? printf("FAIL " __VA_ARGS__) : 0)

static int close_enough(double a, double b)
{
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return fabs(a - b) <= 1e-4 * fabs(b) || fabs(a - b) <= 1e-5;
}

static int allows(const activ_entry *e, unsigned share)
{
    for (unsigned k = 0; k < e->nparams; k++)
        if ((e->params[k].flags & ACTIV_P_TRAINABLE) && !((e->params[k].share ? e->params[k].share : 1) & share))
            return 0;
    return 1;
}

static void against_layer(const activ_entry *e, unsigned share, int set)
{
    const size_t B = 3, C = 4, I = 37, n = B * C * I;
    double p[ACTIV_MAX_PARAMS];
    char err[256];
    activ_layer L;
    sw_params(e, set, p);
    if (activ_layer_init(&L, e, p, share, C, I, err, sizeof err)) {
        FAIL("%s: %s\n", e->name, err);
        return;
    }
    L.mode = ACTIV_MODE_TRAIN, L.seed = 99 + (uint64_t)set, L.step = 5;
    const size_t np = e->nparams * L.nshare;
    float *x = malloc(n * sizeof *x), *dy = malloc(n * sizeof *dy), *y = malloc(n * sizeof *y);
    float *wy = malloc(n * sizeof *wy), *dx = malloc(n * sizeof *dx), *wdx = malloc(n * sizeof *wdx);
    float *wdp = calloc(np + 1, sizeof *wdp);
    double *dp = calloc(np + 1, sizeof *dp);
    uint64_t s = 4242 + share + 10 * (uint64_t)set;
    for (size_t i = 0; i < n; i++) x[i] = (float)(6 * sw_uniform(&s) - 3), dy[i] = (float)(2 * sw_uniform(&s) - 1);
    activ_tensor_shape sh = {B, C, I, ACTIV_LAYOUT_NCHW, share};
    activ_forward_drawn(e, L.params, &sh, L.seed, L.step, x, y, NULL);
    activ_backward_drawn(e, L.params, &sh, L.seed, L.step, x, dy, dx, dp);
    activ_layer_backward(&L, B, x, dy, wdx, wdp);
    cases++;
    /* the forward's f' meets the backward's draws: dy * d is the backward's dx, bit for bit */
    float *d = malloc(n * sizeof *d);
    activ_forward_drawn(e, L.params, &sh, L.seed, L.step, x, wy, d);
    for (size_t i = 0; i < n; i++)
        if (memcmp(&(float){dy[i] * d[i]}, &dx[i], sizeof(float)) || memcmp(&wy[i], &y[i], sizeof(float))) {
            FAIL("%s share %u set %d element %zu: the forward's y, f' (%g, %g) and the backward's dx %g disagree\n",
                 e->name, share, set, i, wy[i], d[i], dx[i]);
            break;
        }
    free(d);
    activ_layer_forward(&L, B, x, wy);
    for (size_t i = 0; i < n; i++)
        if (!close_enough(y[i], wy[i]) || !close_enough(dx[i], wdx[i])) {
            FAIL("%s share %u set %d element %zu (x %g): y %g want %g, dx %g want %g\n", e->name, share, set, i, x[i],
                 y[i], wy[i], dx[i], wdx[i]);
            break;
        }
    for (size_t q = 0; q < np; q++) {
        const activ_param *prm = &e->params[q / L.nshare];
        double want = (prm->flags & ACTIV_P_TRAINABLE) ? wdp[q] : 0;
        /* sums over ~n terms of size ~1, the reference's in float */
        if (fabs(dp[q] - want) > 1e-4 * (1 + fabs(want)) + 1e-5 * (double)n)
            FAIL("%s share %u set %d: d/d%s[%zu] %g want %g\n", e->name, share, set, prm->name, q % L.nshare, dp[q],
                 want);
    }
    free(x), free(dy), free(y), free(wy), free(dx), free(wdx), free(wdp), free(dp);
    activ_layer_free(&L);
}

/* mean and variance of n values y[i] * scale + shift */
static void moments(const float *y, size_t n, double scale, double shift, double *mean, double *var)
{
    double s = 0, ss = 0;
    for (size_t i = 0; i < n; i++) {
        double v = y[i] * scale + shift;
        s += v, ss += v * v;
    }
    *mean = s / (double)n;
    *var = ss / (double)n - *mean * *mean;
}

/* The draws' distributions: RReLU (0, 1) at x = -1 gives -u; ProbAct with s = 1 at x = 0 gives z. */
static void distributions(void)
{
    const size_t n = 1 << 18;
    activ_tensor_shape sh = {1, 1, n, ACTIV_LAYOUT_NCHW, ACTIV_SHARE_SCALAR};
    float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    double mean, var, sd = 1 / sqrt((double)n);
    const activ_entry *rrelu = activ_find("rrelu", NULL), *probact = activ_find("probact", NULL);
    for (size_t i = 0; i < n; i++) x[i] = -1;
    float pr[3] = {0, 1, 0.5f};
    activ_forward_drawn(rrelu, pr, &sh, 1, 1, x, y, NULL);
    float lo = 1, hi = 0;
    for (size_t i = 0; i < n; i++) lo = -y[i] < lo ? -y[i] : lo, hi = -y[i] > hi ? -y[i] : hi;
    moments(y, n, -1, 0, &mean, &var);
    /* U[0,1): mean 1/2 (sd 0.289/sqrt n), variance 1/12 (sd 0.0745/sqrt n) */
    cases++;
    if (fabs(mean - 0.5) > 5 * 0.289 * sd || fabs(var - 1.0 / 12) > 5 * 0.0745 * sd || lo < 0 || hi >= 1)
        FAIL("u: mean %g var %g range [%g, %g], want U[0, 1)\n", mean, var, lo, hi);
    for (size_t i = 0; i < n; i++) x[i] = 0;
    float pp[2] = {1, 0};
    activ_forward_drawn(probact, pp, &sh, 1, 1, x, y, NULL);
    moments(y, n, 1, 0, &mean, &var);
    size_t within1 = 0, beyond3 = 0;
    for (size_t i = 0; i < n; i++) within1 += fabsf(y[i]) < 1, beyond3 += fabsf(y[i]) > 3;
    /* N(0,1): mean 0 (sd 1/sqrt n), variance 1 (sd sqrt(2/n)), P(|z| < 1) = 0.682689, P(|z| > 3) = 0.0026998 */
    double f1 = (double)within1 / (double)n, f3 = (double)beyond3 / (double)n;
    cases++;
    if (fabs(mean) > 5 * sd || fabs(var - 1) > 5 * sqrt(2.0) * sd || fabs(f1 - 0.682689) > 5 * 0.4654 * sd ||
        fabs(f3 - 0.0026998) > 5 * 0.0519 * sd)
        FAIL("z: mean %g var %g P(|z|<1) %g P(|z|>3) %g, want N(0, 1)\n", mean, var, f1, f3);
    free(x), free(y);
}

/* Large enough for two threads: the same bits; another step: other draws. */
static void threads_and_steps(const activ_entry *e)
{
    const size_t n = 300001;
    activ_tensor_shape sh = {1, 1, n, ACTIV_LAYOUT_NCHW, ACTIV_SHARE_SCALAR};
    float *x = malloc(n * sizeof *x), *dy = malloc(n * sizeof *dy), *a = malloc(n * sizeof *a),
          *b = malloc(n * sizeof *b);
    double p[ACTIV_MAX_PARAMS], g1[ACTIV_MAX_PARAMS] = {0}, g2[ACTIV_MAX_PARAMS] = {0};
    float pf[ACTIV_MAX_PARAMS];
    sw_params(e, 1, p); /* not the defaults: ProbAct's s = 0 draws nothing */
    for (unsigned k = 0; k < e->nparams; k++) pf[k] = (float)p[k];
    uint64_t s = 7;
    for (size_t i = 0; i < n; i++) x[i] = (float)(4 * sw_uniform(&s) - 2), dy[i] = (float)sw_uniform(&s);
    cases++;
    activ_set_threads(1);
    activ_forward_drawn(e, pf, &sh, 3, 8, x, a, NULL);
    activ_set_threads(2);
    activ_forward_drawn(e, pf, &sh, 3, 8, x, b, NULL);
    if (memcmp(a, b, n * sizeof *a)) FAIL("%s: the forward differs between 1 and 2 threads\n", e->name);
    activ_set_threads(1);
    activ_backward_drawn(e, pf, &sh, 3, 8, x, dy, a, g1);
    activ_set_threads(2);
    activ_backward_drawn(e, pf, &sh, 3, 8, x, dy, b, g2);
    if (memcmp(a, b, n * sizeof *a) || memcmp(g1, g2, sizeof g1))
        FAIL("%s: the backward differs between 1 and 2 threads\n", e->name);
    activ_forward_drawn(e, pf, &sh, 3, 8, x, a, NULL);
    activ_forward_drawn(e, pf, &sh, 3, 9, x, b, NULL);
    if (!memcmp(a, b, n * sizeof *a)) FAIL("%s: steps 8 and 9 drew the same\n", e->name);
    activ_set_threads(0);
    free(x), free(dy), free(a), free(b);
}

/* NULL parameters are the defaults, as for activ_forward */
static void null_is_defaults(const activ_entry *e)
{
    enum { N = 1000 };
    static float x[N], a[N], b[N];
    double p[ACTIV_MAX_PARAMS];
    float pf[ACTIV_MAX_PARAMS];
    activ_defaults(e, p);
    for (unsigned k = 0; k < e->nparams; k++) pf[k] = (float)p[k];
    for (int i = 0; i < N; i++) x[i] = (float)(i - N / 2) / 100;
    activ_tensor_shape sh = {1, 1, N, ACTIV_LAYOUT_NCHW, ACTIV_SHARE_SCALAR};
    cases++;
    activ_forward_drawn(e, NULL, &sh, 2, 3, x, a, NULL);
    activ_forward_drawn(e, pf, &sh, 2, 3, x, b, NULL);
    if (memcmp(a, b, sizeof a)) FAIL("%s: NULL parameters are not the defaults\n", e->name);
}

int main(void)
{
    for (size_t i = 0; i < activ_catalog_size(); i++) {
        const activ_entry *e = activ_catalog_get(i);
        if (e->kind != ACTIV_KIND_STOCHASTIC) continue;
        for (unsigned share = ACTIV_SHARE_SCALAR; share <= ACTIV_SHARE_UNIT; share <<= 1)
            if (allows(e, share))
                for (int set = 0; set < 3; set++) against_layer(e, share, set);
        threads_and_steps(e);
        null_is_defaults(e);
    }
    distributions();
    printf("%ld cases; %s\n", cases, failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
