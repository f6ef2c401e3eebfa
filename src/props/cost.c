/*
 * Kernel cost on this machine: ns per element of activ_forward and
 * activ_backward on 32 Ki floats (resident in L2, below the size where the
 * kernels split over threads), best of 5 timings of a loop of >= 1 ms.
 * Kinds without an elementwise kernel path (gated, maxout, softmax ...)
 * report NaN: their layer code is a scalar reference, not a cost.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "props_impl.h"

#define N (32 * 1024)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void run(const activ_entry *e, const float *p, const float *x, const float *dy, float *y, int bwd)
{
    if (bwd) activ_backward(e, p, x, dy, y, N);
    else activ_forward(e, p, x, y, N);
}

static double best_ns(const activ_entry *e, const float *p, const float *x, const float *dy, float *y, int bwd)
{
    run(e, p, x, dy, y, bwd); /* warm */
    double t0 = now();
    run(e, p, x, dy, y, bwd);
    double once = now() - t0;
    long reps = once > 0 ? (long)(1e-3 / once) + 1 : 100;
    double best = INFINITY;
    for (int s = 0; s < 5; s++) {
        double a = now();
        for (long r = 0; r < reps; r++) run(e, p, x, dy, y, bwd);
        double t = (now() - a) / (double)reps / N * 1e9;
        if (t < best) best = t;
    }
    return best;
}

void activ_props_cost(const activ_entry *e, const double *p, double *fwd_ns, double *bwd_ns)
{
    *fwd_ns = *bwd_ns = NAN;
    if (e->kind != ACTIV_KIND_ELEMENTWISE && e->kind != ACTIV_KIND_STOCHASTIC && e->kind != ACTIV_KIND_DATA_DEPENDENT)
        return;
    float *x = malloc(3 * N * sizeof *x), pf[ACTIV_MAX_PARAMS];
    if (!x) return;
    double d[ACTIV_MAX_PARAMS];
    if (!p) activ_defaults(e, d), p = d;
    for (unsigned k = 0; k < e->nparams; k++) pf[k] = (float)p[k];
    props_rng rng = {12345};
    for (size_t i = 0; i < 2 * N; i++) x[i] = (float)props_normal(&rng);
    *fwd_ns = best_ns(e, pf, x, x + N, x + 2 * N, 0);
    *bwd_ns = best_ns(e, pf, x, x + N, x + 2 * N, 1);
    free(x);
}
