/*
 * Properties computed from an entry's double functions, not declared.
 *
 * Sampling: a uniform grid on [-50, 50] (step 1/128, so 0, +-1, +-0.5 ...
 * are hit exactly), a log grid out to +-1e300, and +-inf.  Each property is
 * a statement about the sample, chosen so that rounding cannot flip it:
 *  - monotonic: f' has one sign on the sample, and f never steps the other
 *    way (a jump, as in Threshold, counts);
 *  - smooth (C1): no jump in f or f' survives bisection down to 1e-13;
 *  - bounded: the limits at +-inf are finite and so is every sample;
 *  - zero-centred: |E f(Z)| <= 0.1 sqrt(E f(Z)^2), Z ~ N(0,1), by the
 *    trapezoid rule on [-12, 12];
 *  - y_backward: f is monotonic and every level set where f' is not 0
 *    is not also a flat piece (so f' is a function of y).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "activ/activ.h"

#define GRID_HALF 6400 /* 50 * 128 */
#define GRID_STEP (1.0 / 128)

static double F(const activ_entry *e, double x, const double *p)
{
    return activ_f64(e, x, p);
}
static double DF(const activ_entry *e, double x, const double *p)
{
    return activ_df64(e, x, p);
}

/* Does g jump between a and b (a < b)?  Bisects towards the biggest change. */
static int jumps(const activ_entry *e, const double *p, double (*g)(const activ_entry *, double, const double *),
                 double a, double b, double *where)
{
    double ga = g(e, a, p), gb = g(e, b, p);
    double scale = 1 + fabs(ga) + fabs(gb);
    for (int it = 0; it < 200 && b - a > 1e-13 * (1 + fabs(a)); it++) {
        double m = 0.5 * (a + b), gm = g(e, m, p);
        if (fabs(gm - ga) >= fabs(gb - gm)) {
            b = m;
            gb = gm;
        } else {
            a = m;
            ga = gm;
        }
    }
    *where = 0.5 * (a + b);
    return fabs(gb - ga) > 1e-9 * scale;
}

static void add_kink(activ_props *out, double x)
{
    /* bisection ends within 1e-13 of the kink: report 0.5 rather than 0.50000000000003 */
    double snapped = nearbyint(x * 1048576.0) / 1048576.0;
    if (fabs(snapped - x) < 1e-9 * (1 + fabs(x))) x = snapped;
    for (unsigned i = 0; i < out->nkinks; i++)
        if (fabs(out->kinks[i] - x) < 1e-9 * (1 + fabs(x))) return;
    if (out->nkinks < sizeof out->kinks / sizeof out->kinks[0]) out->kinks[out->nkinks++] = x;
}

void activ_properties(const activ_entry *e, const double *pin, activ_props *out)
{
    double p[ACTIV_MAX_PARAMS];
    if (pin) memcpy(p, pin, e->nparams * sizeof *p);
    else activ_defaults(e, p);
    memset(out, 0, sizeof *out);

    enum { NLOG = 2 * 300 };
    size_t n = 2 * GRID_HALF + 1 + NLOG + 2;
    double *xs = malloc(n * sizeof *xs);
    double *ys = malloc(n * sizeof *ys);
    double *ds = malloc(n * sizeof *ds);
    if (!xs || !ys || !ds) {
        free(xs), free(ys), free(ds);
        out->monotonic = out->smooth = out->bounded_below = out->bounded_above = ACTIV_NA;
        out->zero_centred = out->y_backward = ACTIV_NA;
        return;
    }
    /* sorted sample: -inf, -1e300 .. -51, grid, 51 .. 1e300, +inf */
    size_t k = 0;
    xs[k++] = -INFINITY;
    for (int i = 299; i >= 0; i--) xs[k++] = -pow(10.0, 1.7 + i * (298.3 / 299));
    for (int i = -GRID_HALF; i <= GRID_HALF; i++) xs[k++] = i * GRID_STEP;
    for (int i = 0; i < 300; i++) xs[k++] = pow(10.0, 1.7 + i * (298.3 / 299));
    xs[k++] = INFINITY;
    n = k;

    double lo = INFINITY, hi = -INFINITY;
    int df_pos = 0, df_neg = 0, step_up = 0, step_down = 0;
    for (size_t i = 0; i < n; i++) {
        ys[i] = F(e, xs[i], p);
        ds[i] = DF(e, xs[i], p);
        if (ys[i] < lo) lo = ys[i];
        if (ys[i] > hi) hi = ys[i];
        if (!isinf(xs[i])) {
            if (ds[i] > 0) df_pos = 1;
            if (ds[i] < 0) df_neg = 1;
        }
        if (i > 0 && !isinf(xs[i]) && !isinf(xs[i - 1])) {
            double tol = 1e-12 * (fabs(ys[i]) + fabs(ys[i - 1])) + 1e-300;
            if (ys[i] - ys[i - 1] > tol) step_up = 1;
            if (ys[i] - ys[i - 1] < -tol) step_down = 1;
        }
    }
    out->min_value = lo;
    out->max_value = hi;
    out->bounded_below = isfinite(lo) ? ACTIV_YES : ACTIV_NO;
    out->bounded_above = isfinite(hi) ? ACTIV_YES : ACTIV_NO;
    int up = !df_neg && !step_down, down = !df_pos && !step_up;
    out->monotonic = (up || down) ? ACTIV_YES : ACTIV_NO;

    /* smoothness: a jump in f or f' shows as a spike among the grid's
       first differences (smooth changes vary slowly from one step to the
       next); a spike is confirmed by bisection.  Small jumps sitting on a
       grid point (PAU's |x| at 0) are caught by one-sided values there. */
    int smooth = 1;
    size_t g0 = 1 + 300, g1 = g0 + 2 * GRID_HALF;
    for (size_t i = g0 + 1; i + 1 < g1; i++) {
        double w;
        double dy0 = fabs(ys[i] - ys[i - 1]), dy = fabs(ys[i + 1] - ys[i]), dy2 = fabs(ys[i + 2] - ys[i + 1]);
        double dd0 = fabs(ds[i] - ds[i - 1]), dd = fabs(ds[i + 1] - ds[i]), dd2 = fabs(ds[i + 2] - ds[i + 1]);
        double sy = 1 + fabs(ys[i]) + fabs(ys[i + 1]);
        double sd = 1 + fabs(ds[i]) + fabs(ds[i + 1]);
        int f_spike = dy > 1e-12 * sy && dy > 3 * (dy0 > dy2 ? dy0 : dy2) + 1e-9 * sy;
        int d_spike = dd > 1e-12 * sd && dd > 3 * (dd0 > dd2 ? dd0 : dd2);
        if ((f_spike && jumps(e, p, F, xs[i], xs[i + 1], &w)) || (d_spike && jumps(e, p, DF, xs[i], xs[i + 1], &w))) {
            smooth = 0;
            add_kink(out, w);
            continue;
        }
        double x = xs[i];
        double tol = 1e-8 + 1e-9 * sd;
        if (fabs(DF(e, x + 1e-10, p) - DF(e, x - 1e-10, p)) > tol &&
            fabs(DF(e, x + 1e-12, p) - DF(e, x - 1e-12, p)) > tol) {
            smooth = 0;
            add_kink(out, x);
        }
    }
    out->smooth = smooth ? ACTIV_YES : ACTIV_NO;

    /* moments under the standard normal */
    double m1 = 0, m2 = 0;
    const double h = 1.0 / 256;
    for (int i = -12 * 256; i <= 12 * 256; i++) {
        double z = i * h, w = exp(-0.5 * z * z) * 0.39894228040143267794 * h;
        if (i == -12 * 256 || i == 12 * 256) w *= 0.5;
        double y = F(e, z, p);
        m1 += w * y;
        m2 += w * y * y;
    }
    out->mean_normal = m1;
    out->second_moment_normal = m2;
    out->zero_centred = fabs(m1) <= 0.1 * sqrt(m2) ? ACTIV_YES : ACTIV_NO;

    /* backward from the output */
    int yb = out->monotonic == ACTIV_YES;
    double flats[16];
    unsigned nflats = 0;
    for (size_t i = g0; yb && i < g1; i++) {
        if (!(ds[i] == 0 && ds[i + 1] == 0 && ys[i] == ys[i + 1])) continue;
        unsigned k = 0;
        while (k < nflats && flats[k] != ys[i]) k++;
        if (k == nflats && nflats < 16) flats[nflats++] = ys[i];
    }
    /* at the level of a flat piece nobody may have f' != 0 */
    for (size_t j = 0; yb && j < n; j++)
        for (unsigned k = 0; k < nflats; k++)
            if (ys[j] == flats[k] && ds[j] != 0 && !isinf(xs[j])) yb = 0;
    for (unsigned i = 0; yb && i < out->nkinks; i++) {
        /* at a kink on the edge of a flat piece the convention must say 0 */
        double x = out->kinks[i], y = F(e, x, p), d = DF(e, x, p);
        double l = DF(e, x - 1e-6, p), r = DF(e, x + 1e-6, p);
        if (d != 0 && ((l == 0 && F(e, x - 1e-6, p) == y) || (r == 0 && F(e, x + 1e-6, p) == y))) yb = 0;
    }
    out->y_backward = yb ? ACTIV_YES : ACTIV_NO;

    int trainable = 0;
    for (unsigned i = 0; i < e->nparams; i++)
        if (e->params[i].flags & ACTIV_P_TRAINABLE) trainable = 1;
    out->parametric = trainable ? ACTIV_YES : ACTIV_NO;
    free(xs), free(ys), free(ds);
}
