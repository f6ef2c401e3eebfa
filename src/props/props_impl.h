/* The parts of the measured properties (src/props), each in its own file. */
#ifndef ACTIV_PROPS_IMPL_H
#define ACTIV_PROPS_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "activ/props.h"

/* ---- normal.c: expectations under Z ~ N(0,1) ---- */

/* Nodes and weights of a rule for E g(Z): Gauss-Legendre panels on [-16, 16]
   with the given break points (kinks, jumps) among the panel edges. */
typedef struct normal_rule {
    size_t n;
    double *z, *w;
} normal_rule;
int normal_rule_build(normal_rule *r, const double *breaks, size_t nbreaks);
void normal_rule_free(normal_rule *r);

/* output_mean, output_var, nonlinearity; curvature, saturation (fine grid of df). */
int normal_measures(const activ_entry *e, const double *p, const double *breaks, size_t nbreaks, activ_measured *m);

/* ---- flags.c: monotonic, smooth, bounded, parametric from f (and dp) alone ---- */

/* Fills the flag fields; writes up to maxk kink/jump locations found into kinks. */
size_t derive_flags(const activ_entry *e, const double *p, activ_measured *m, double *kinks, size_t maxk);
/* Compares them with activ_properties() into m->flag_mismatch. */
void compare_flags(const activ_entry *e, const double *p, activ_measured *m);

/* ---- rng.c ---- */
typedef struct props_rng {
    uint64_t s;
} props_rng;
double props_normal(props_rng *r);

/* A stream of N(0,1) floats shared by the networks of one run: every
   activation starts from the same weights up to the initialiser's scale. */
typedef struct props_pool {
    float *v;
    size_t n;
    props_rng rng;
} props_pool;
void props_pool_init(props_pool *pool, uint64_t seed);
/* The first n values of the stream (grown as needed), or NULL. */
const float *props_pool_get(props_pool *pool, size_t n);
void props_pool_free(props_pool *pool);

/* ---- deepnet.c: the plain network at initialisation ---- */
int deepnet_measure(const activ_entry *e, const double *p, const activ_props_config *c, props_pool *pool,
                    activ_measured *m, char *err, size_t errlen);

#endif
