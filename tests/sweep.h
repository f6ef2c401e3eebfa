/*
 * The inputs every per-entry test uses: a sweep over tiny, normal, large and
 * extreme magnitudes of both signs, and random valid parameter sets.
 */
#ifndef ACTIV_TEST_SWEEP_H
#define ACTIV_TEST_SWEEP_H

#include <float.h>
#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "activ/activ.h"

/* A small deterministic generator (splitmix64), so failures reproduce. */
static inline uint64_t sw_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static inline double sw_uniform(uint64_t *s)
{
    return (double)(sw_next(s) >> 11) * 0x1.0p-53;
}

typedef struct {
    double *x;
    size_t n, cap;
} sw_list;

static inline void sw_add(sw_list *l, double x)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->x = realloc(l->x, l->cap * sizeof *l->x);
        if (!l->x) abort();
    }
    l->x[l->n++] = x;
}
static inline void sw_add_pm(sw_list *l, double x)
{
    sw_add(l, x);
    sw_add(l, -x);
}

/*
 * Float inputs (all exactly representable as float).  density 1 is the
 * full sweep; smaller values thin the dense parts (sanitizer runs).
 * Points near each parameter value are added, since parameters usually
 * place the kinks.
 */
static inline sw_list sw_float_inputs(const double *p, unsigned np, double density)
{
    sw_list l = {0};
    const float specials[] = {0.0f, 1.4e-45f, 1e-42f, 1e-40f, FLT_MIN, 1e-30f, 1e-20f, 1e-10f, 1e-7f,
                              1e-4f, 1e-3f, 0.1f, 0.5f, 1.0f, 2.0f, 3.0f, 10.0f, 20.0f, 30.0f,
                              50.0f, 80.0f, 88.0f, 89.0f, 100.0f, 200.0f, 1e3f, 1e4f, 1e6f, 1e10f,
                              1e20f, 1e30f, 1e38f, FLT_MAX};
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) sw_add_pm(&l, specials[i]);
    int logsteps = (int)(8 * density) < 1 ? 1 : (int)(8 * density);
    for (int e = -45 * logsteps; e <= 38 * logsteps; e++) {
        float v = (float)pow(10.0, (double)e / logsteps);
        if (isfinite(v) && v > 0) sw_add_pm(&l, v);
    }
    int per_unit = 4; /* a power of two, so that i / per_unit is a float */
    while (per_unit * 2 <= 64 * density) per_unit *= 2;
    for (int i = -20 * per_unit; i <= 20 * per_unit; i++) sw_add(&l, (double)i / per_unit);
    uint64_t s = 12345;
    for (int i = 0; i < (int)(1000 * density) + 50; i++) sw_add(&l, (float)(20 * sw_uniform(&s) - 10));
    for (unsigned k = 0; k < np; k++) {
        float v = (float)p[k];
        if (!isfinite(v)) continue;
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            float w = sgn * v;
            sw_add(&l, w);
            sw_add(&l, nextafterf(w, INFINITY));
            sw_add(&l, nextafterf(w, -INFINITY));
        }
    }
    return l;
}

/* Extra double-only inputs. */
static inline void sw_add_double_extremes(sw_list *l)
{
    const double d[] = {DBL_MAX, 1e300, 1e200, 1e100, 1e50, 4.9e-324, 1e-310, DBL_MIN, 1e-300, 1e-200,
                        1e-100, 1e-50, 0.1, 0.3, 1.0 / 3, 2.0 / 3, 0.7, 1.1, 1e-17};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) sw_add_pm(l, d[i]);
}

/*
 * Parameter set number k for entry e: 0 is the defaults, others are drawn
 * uniformly from each parameter's valid range clipped to [-4, 4] (0.1 away
 * from open ends; whole-number parameters over the whole numbers there).  Values
 * are rounded to float so the float and double paths see the same ones.
 */
static inline void sw_params(const activ_entry *e, int k, double *p)
{
    activ_defaults(e, p);
    if (k > 0) {
        uint64_t s = 0x5EED0000ull + (uint64_t)k * 7919;
        for (const char *c = e->name; *c; c++) s = s * 131 + (unsigned char)*c;
        for (unsigned i = 0; i < e->nparams; i++) {
            const activ_param *prm = &e->params[i];
            double lo = prm->min < -4 ? -4 : prm->min, hi = prm->max > 4 ? 4 : prm->max;
            if (prm->flags & ACTIV_P_INTEGER) {
                /* whole numbers: uniform over the valid ones in [-4, 4] */
                double a = ceil(lo), b = floor(hi);
                if ((prm->flags & ACTIV_P_MIN_OPEN) && a == prm->min) a++;
                if ((prm->flags & ACTIV_P_MAX_OPEN) && b == prm->max) b--;
                if (b >= a) p[i] = a + floor((b - a + 1) * sw_uniform(&s));
                continue;
            }
            if (prm->flags & ACTIV_P_MIN_OPEN) lo += prm->max - prm->min > 0.2 ? 0.1 : (prm->max - prm->min) / 4;
            if (prm->flags & ACTIV_P_MAX_OPEN) hi -= prm->max - prm->min > 0.2 ? 0.1 : (prm->max - prm->min) / 4;
            if (hi < lo) hi = lo;
            double v = lo + (hi - lo) * sw_uniform(&s);
            float f = (float)v;
            if (activ_param_check(prm, f) == 0) p[i] = f;
        }
    }
    for (unsigned i = 0; i < e->nparams; i++) p[i] = (float)p[i];
}

static inline int sw_nsets(const activ_entry *e)
{
    return e->nparams ? 3 : 1;
}

/* Density from the environment: ACTIV_TEST_DENSITY (default 1). */
static inline double sw_density(void)
{
    const char *s = getenv("ACTIV_TEST_DENSITY");
    double d = s ? atof(s) : 1.0;
    return d > 0 ? d : 1.0;
}

static inline const activ_entry *sw_entry_or_die(const char *name)
{
    const activ_entry *e = activ_find(name, NULL);
    if (!e || strcmp(e->name, name) != 0) {
        fprintf(stderr, "no catalog entry named '%s'\n", name);
        exit(2);
    }
    return e;
}

#endif
