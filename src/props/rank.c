/*
 * Ranking before training: a score from the measured properties, and the
 * rank correlation a report uses to say how far it predicted the measured
 * order.  The weights are a prior, not a fit (docs/properties.md).
 */
#include <math.h>
#include <stdlib.h>

#include "activ/props.h"

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* non-linearity is rewarded up to ReLU's level (0.27), not beyond: more is not better */
static double reward_nonlinearity(const activ_measured *m)
{
    return isfinite(m->nonlinearity) ? clampd(m->nonlinearity / 0.25, 0, 1) : 0;
}

/* vanishing or exploding: |log10 of the first/last gradient ratio|, 2 decades = 1 */
static double penalty_gradient(const activ_measured *m)
{
    return isfinite(m->grad_log10) ? clampd(fabs(m->grad_log10), 0, 4) / 2 : 2;
}

/* the last layer's variance away from 1 (3 decades = 1) and its mean away from 0 (in sds) */
static double penalty_drift(const activ_measured *m)
{
    if (m->nk < 1) return 1.5;
    double mu = m->mean_k[m->nk - 1], var = m->var_k[m->nk - 1];
    if (!(var > 0) || !isfinite(var) || !isfinite(mu)) return 1.5;
    return clampd(fabs(log10(var)), 0, 3) / 3 + clampd(fabs(mu) / sqrt(var), 0, 1) / 2;
}

static double penalty_cost(const activ_measured *m)
{
    double rel = 0.5 * (m->fwd_ns_rel + m->bwd_ns_rel);
    return isfinite(rel) && rel > 1 ? 0.1 * log2(rel) : 0;
}

double activ_props_score(const activ_measured *m)
{
    double s = reward_nonlinearity(m) - 0.5 * m->saturation - penalty_cost(m);
    if (!m->net_ok) return s - 1; /* the network says nothing: an average penalty */
    double dead = isfinite(m->dead_fraction) ? m->dead_fraction : 1;
    return s - penalty_gradient(m) - 2 * dead - 0.5 * penalty_drift(m);
}

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    double x = ((const ranked *)a)->v, y = ((const ranked *)b)->v;
    return (x > y) - (x < y);
}

/* average ranks (1-based) of v[0..n) into r */
static int ranks(const double *v, size_t n, double *r)
{
    ranked *t = malloc(n * sizeof *t);
    if (!t) return -1;
    for (size_t i = 0; i < n; i++) t[i].v = v[i], t[i].i = i;
    qsort(t, n, sizeof *t, cmp_ranked);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && t[j + 1].v == t[i].v) j++;
        for (size_t k = i; k <= j; k++) r[t[k].i] = 0.5 * (double)(i + j) + 1;
        i = j + 1;
    }
    free(t);
    return 0;
}

double activ_spearman(const double *a, const double *b, size_t n)
{
    /* pairs with a NaN on either side are left out */
    double *x = malloc(4 * (n ? n : 1) * sizeof *x);
    if (!x) return NAN;
    double *y = x + n, *rx = y + n, *ry = rx + n;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(a[i]) && !isnan(b[i])) x[k] = a[i], y[k++] = b[i];
    double rho = NAN;
    if (k >= 2 && !ranks(x, k, rx) && !ranks(y, k, ry)) {
        double mean = 0.5 * (double)(k + 1), sxy = 0, sxx = 0, syy = 0;
        for (size_t i = 0; i < k; i++) {
            sxy += (rx[i] - mean) * (ry[i] - mean);
            sxx += (rx[i] - mean) * (rx[i] - mean);
            syy += (ry[i] - mean) * (ry[i] - mean);
        }
        if (sxx > 0 && syy > 0) rho = sxy / sqrt(sxx * syy);
    }
    free(x);
    return rho;
}
