/*
 * The survey's flags derived a second way, from the forward f alone (and dp
 * for the parameters), so that they check activ_properties(), which reads
 * the hand-written derivative:
 *  - monotonic: consecutive values of f on the sample never step both ways;
 *  - smooth (C1): no point where the second difference of f, divided by the
 *    step, stays large as the step shrinks (a kink keeps it at the jump of f',
 *    a smooth f lets it fall in proportion to the step);
 *  - bounded below/above: every sample finite, and f not still moving
 *    towards -inf/+inf between 1e75, 1e150 and 1e300 on either side;
 *  - parametric: a trainable parameter whose gradient dp is not 0 somewhere.
 * Sample: [-50, 50] in steps of 1/64 and a log grid out to +-1e300.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "props_impl.h"

#define STEP (1.0 / 64)
#define HALF 3200 /* 50 / STEP */
#define NTAIL 300

typedef struct sample {
    const activ_entry *e;
    const double *p;
    size_t n;
    double *x, *y;
} sample;

static double F(const sample *s, double x)
{
    return activ_f64(s->e, x, s->p);
}

static int sample_fill(sample *s)
{
    s->n = 2 * HALF + 1 + 2 * NTAIL;
    s->x = malloc(s->n * sizeof *s->x);
    s->y = malloc(s->n * sizeof *s->y);
    if (!s->x || !s->y) return -1;
    size_t k = 0;
    for (int i = NTAIL - 1; i >= 0; i--) s->x[k++] = -pow(10.0, 1.7 + i * (298.3 / (NTAIL - 1)));
    for (int i = -HALF; i <= HALF; i++) s->x[k++] = i * STEP;
    for (int i = 0; i < NTAIL; i++) s->x[k++] = pow(10.0, 1.7 + i * (298.3 / (NTAIL - 1)));
    for (size_t i = 0; i < s->n; i++) s->y[i] = F(s, s->x[i]);
    return 0;
}

static activ_tri monotonic_of(const sample *s)
{
    int up = 1, down = 1;
    for (size_t i = 0; i + 1 < s->n; i++) {
        double a = s->y[i], b = s->y[i + 1];
        if (isnan(a) || isnan(b)) return ACTIV_NA;
        if (isinf(a) && a == b) continue;
        double tol = 1e-12 * (fabs(a) + fabs(b)) + 1e-300;
        if (b - a < -tol) up = 0;
        if (b - a > tol) down = 0;
    }
    return up || down ? ACTIV_YES : ACTIV_NO;
}

/* |change of secant slope| at the middle of [u, v] */
static double slope_jump(const sample *s, double u, double v)
{
    double m = 0.5 * (u + v);
    return fabs(F(s, u) - 2 * F(s, m) + F(s, v)) / (0.5 * (v - u));
}

/* Follows a kink or jump inside [a, b] down to width ~1e-7 and says whether
   it is real (the slope change does not fall with the width). */
static int is_kink(const sample *s, double a, double b, double *where)
{
    double stop = 1e-7 * (1 + fabs(a) + fabs(b));
    while (b - a > stop) {
        double q = 0.25 * (b - a), best = -1, na = a, nb = b;
        for (int k = 0; k < 3; k++) {
            double u = a + k * q, v = u + 2 * q, j = slope_jump(s, u, v);
            if (j > best) best = j, na = u, nb = v;
        }
        a = na, b = nb;
    }
    double m = 0.5 * (a + b), w = b - a;
    double narrow = slope_jump(s, a, b), wide = slope_jump(s, m - 32 * w, m + 32 * w);
    double slope = fabs(F(s, b) - F(s, a)) / w;
    *where = m;
    return narrow > 1e-7 * (1 + slope) && narrow > 0.25 * wide;
}

/* A kink sitting on a grid point, too small for the second differences to
   single out (PAU's |x| at 0): the change of one-sided slopes stays the
   same over three steps (1/8 apart), where a smooth f lets it fall with the
   step and rounding (KAF's cancelling sum) makes it grow. */
static int kink_at(const sample *s, double x, double fx)
{
    double h = 0x1p-26 * (1 + fabs(x)), jump[3], slope = 0;
    for (int k = 0; k < 3; k++, h /= 8) {
        double l = (fx - F(s, x - h)) / h, r = (F(s, x + h) - fx) / h;
        jump[k] = fabs(r - l);
        slope = fabs(r) + fabs(l);
    }
    h *= 8;
    double lo = fmin(jump[0], fmin(jump[1], jump[2])), hi = fmax(jump[0], fmax(jump[1], jump[2]));
    double noise = 2 * 2.3e-16 * fabs(fx) / h; /* the rest of the rounding is caught by the consistency */
    return lo > 1e-8 * (1 + slope) + noise && hi < 2 * lo;
}

static void add_kink(double *kinks, size_t maxk, size_t *nk, double w)
{
    for (size_t i = 0; i < *nk; i++)
        if (fabs(kinks[i] - w) < 1e-6) return; /* neighbours see the same kink */
    if (*nk < maxk) kinks[(*nk)++] = w;
}

static activ_tri smooth_of(const sample *s, double *kinks, size_t maxk, size_t *nk)
{
    size_t g0 = NTAIL, g1 = NTAIL + 2 * HALF; /* the uniform part */
    double *d2 = malloc((g1 - g0 + 1) * sizeof *d2);
    if (!d2) return ACTIV_NA;
    for (size_t i = g0 + 1; i < g1; i++) d2[i - g0] = fabs(s->y[i + 1] - 2 * s->y[i] + s->y[i - 1]);
    int smooth = 1;
    *nk = 0;
    for (size_t i = g0 + 3; i + 3 < g1; i++) {
        double k = d2[i - g0], around = fmax(d2[i - g0 - 2], d2[i - g0 + 2]);
        if (!(k > 1e-10 * (1 + fabs(s->y[i])) && k > 3 * around)) continue;
        double w;
        if (!is_kink(s, s->x[i - 1], s->x[i + 1], &w)) continue;
        smooth = 0;
        add_kink(kinks, maxk, nk, w);
    }
    for (size_t i = g0; i <= g1; i++)
        if (kink_at(s, s->x[i], s->y[i])) {
            smooth = 0;
            add_kink(kinks, maxk, nk, s->x[i]);
        }
    free(d2);
    return smooth ? ACTIV_YES : ACTIV_NO;
}

/* Is f still heading to +inf (dir 1) or -inf (dir -1) at side sign? */
static int diverges(const sample *s, double sign, int dir)
{
    double a = dir * F(s, sign * 1e75), b = dir * F(s, sign * 1e150), c = dir * F(s, sign * 1e300);
    if (isinf(c) && c > 0) return 1;
    double tol = 1e-9 * (1 + fabs(b));
    return b > a + tol && c > b + tol;
}

static void bounded_of(const sample *s, activ_tri *below, activ_tri *above)
{
    int lo = 1, hi = 1;
    for (size_t i = 0; i < s->n; i++) {
        if (isnan(s->y[i])) {
            *below = *above = ACTIV_NA;
            return;
        }
        if (s->y[i] == -INFINITY) lo = 0;
        if (s->y[i] == INFINITY) hi = 0;
    }
    if (diverges(s, -1, -1) || diverges(s, 1, -1)) lo = 0;
    if (diverges(s, -1, 1) || diverges(s, 1, 1)) hi = 0;
    *below = lo ? ACTIV_YES : ACTIV_NO;
    *above = hi ? ACTIV_YES : ACTIV_NO;
}

static int has_param_gradient(const activ_entry *e, const double *p)
{
    for (double x = -4; x <= 4; x += 0.125) {
        double g[ACTIV_MAX_PARAMS] = {0};
        activ_dp64(e, x, p, g);
        for (unsigned k = 0; k < e->nparams; k++)
            if ((e->params[k].flags & ACTIV_P_TRAINABLE) && g[k] != 0 && isfinite(g[k])) return 1;
    }
    return 0;
}

/* stochastic kinds: at a training draw too (ProbAct's scale has no gradient in evaluation) */
static activ_tri parametric_of(const activ_entry *e, const double *pin)
{
    if (!e->dp) return ACTIV_NO;
    if (has_param_gradient(e, pin)) return ACTIV_YES;
    double p[ACTIV_MAX_PARAMS];
    memcpy(p, pin, e->nparams * sizeof *p);
    for (unsigned k = 0; e->draw && k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_RANDOM) p[k] = e->draw(pin, 0.75, 1.0);
    return e->draw && has_param_gradient(e, p) ? ACTIV_YES : ACTIV_NO;
}

size_t derive_flags(const activ_entry *e, const double *p, activ_measured *m, double *kinks, size_t maxk)
{
    sample s = {e, p, 0, NULL, NULL};
    size_t nk = 0;
    if (sample_fill(&s)) {
        m->monotonic = m->smooth = m->bounded_below = m->bounded_above = ACTIV_NA;
    } else {
        m->monotonic = monotonic_of(&s);
        m->smooth = smooth_of(&s, kinks, maxk, &nk);
        bounded_of(&s, &m->bounded_below, &m->bounded_above);
    }
    m->parametric = parametric_of(e, p);
    free(s.x), free(s.y);
    return nk;
}

static void note_mismatch(activ_measured *m, const char *what, activ_tri mine, activ_tri theirs)
{
    if (mine == theirs) return;
    size_t len = strlen(m->flag_mismatch);
    snprintf(m->flag_mismatch + len, sizeof m->flag_mismatch - len, "%s%s: derived %s, catalog %s", len ? "; " : "",
             what, mine == ACTIV_YES ? "yes" : mine == ACTIV_NO ? "no" : "n/a",
             theirs == ACTIV_YES ? "yes" : theirs == ACTIV_NO ? "no" : "n/a");
}

void compare_flags(const activ_entry *e, const double *p, activ_measured *m)
{
    activ_props pr;
    activ_properties(e, p, &pr);
    m->flag_mismatch[0] = 0;
    note_mismatch(m, "monotonic", m->monotonic, pr.monotonic);
    note_mismatch(m, "smooth", m->smooth, pr.smooth);
    note_mismatch(m, "bounded_below", m->bounded_below, pr.bounded_below);
    note_mismatch(m, "bounded_above", m->bounded_above, pr.bounded_above);
    note_mismatch(m, "zero_centred", m->zero_centred, pr.zero_centred);
    note_mismatch(m, "parametric", m->parametric, pr.parametric);
}
