/*
 * Measured properties of an activation: the four criteria of a good one
 * (non-linearity, compute cost, gradient flow, distribution retention) as
 * numbers computed from the entry's functions and kernels, not declared,
 * plus a predictor that ranks candidates before any training.
 *
 * Everything but the cost is deterministic: integrals under N(0,1) by
 * composite Gauss-Legendre quadrature (docs/properties.md states the
 * accuracy), the deep network from a seeded generator.  The cost is a
 * timing of the vector kernels relative to ReLU's in the same run.
 */
#ifndef ACTIV_PROPS_H
#define ACTIV_PROPS_H

#include <stddef.h>
#include <stdint.h>

#include "activ/activ.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ACTIV_PROPS_MAX_K 3

typedef struct activ_props_config {
    int depth;     /* layers of the plain network (default 50) */
    int width;     /* units per layer (default 256) */
    int batch;     /* N(0,1) input samples (default 256) */
    uint64_t seed; /* weights, inputs and the loss's weights (default 1) */
    int cost;      /* time the kernels (default 1); the other numbers do not depend on it */
} activ_props_config;

typedef struct activ_measured {
    const activ_entry *entry;
    double p[ACTIV_MAX_PARAMS];
    const char *init; /* the initialiser used: activ_init_default(entry) */

    /* 1. non-linearity, of the element function under Z ~ N(0,1) */
    double nonlinearity; /* 1 - R^2 of the best fit a + bZ to f(Z): 0 linear, 1 no linear part */
    double curvature;    /* E-weighted total variation of f': int phi(z) |df'(z)| (kinks count) */

    /* 2. cost: ns per element of the kernels and the ratio to ReLU's (NaN: not measured) */
    double fwd_ns, bwd_ns, fwd_ns_rel, bwd_ns_rel;

    /* 3. gradient flow in the plain network at initialisation */
    int net_ok;                 /* 0: the network could not be run (see note) */
    double grad_first, grad_last; /* Frobenius norms of the first and last weight gradients */
    double grad_ratio;          /* grad_first / grad_last (1: gradients flow evenly) */
    double grad_log10;          /* log10 of it */
    double backprop_ratio;      /* |dL/dZ_1| / |dL/dZ_L|: the back-propagated signal, which shrinks for
                                   tanh even where the weight gradients stay even (Glorot & Bengio 2010) */
    double dead_fraction;       /* share of units (all layers) whose pre-activation gets exactly zero
                                   gradient for every sample of the batch */
    double saturation;          /* P(|f'(Z)| < 0.01 max_{|z|<=3} |f'(z)|), Z ~ N(0,1) */
    double net_saturation;      /* the same share over the network's pre-activations (elementwise
                                   kinds; NaN otherwise) */

    /* 4. distribution retention */
    int nk;
    int k[ACTIV_PROPS_MAX_K];         /* layers sampled: 1, 10, depth (those <= depth) */
    double mean_k[ACTIV_PROPS_MAX_K]; /* mean and variance of the activations there (whole batch) */
    double var_k[ACTIV_PROPS_MAX_K];
    int self_normalising; /* every layer of the second half within |mean| <= 0.1, |var - 1| <= 0.2 */
    double output_mean, output_var; /* E f(Z) and Var f(Z), Z ~ N(0,1) */

    /* the survey's flags, derived here from f alone (see docs/properties.md) */
    activ_tri monotonic, smooth, bounded_below, bounded_above, zero_centred, parametric;
    char flag_mismatch[192]; /* "" when they agree with activ_properties(), else which differ */
    char note[128];          /* why something is not applicable, or "" */

    double score; /* activ_props_score(), filled by the measuring functions */
} activ_measured;

void activ_props_config_default(activ_props_config *c);

/*
 * Measures one entry at parameters p (NULL: defaults), everything but the
 * cost (fields NaN).  0, or -1 with a message in err (bad configuration, out
 * of memory).
 */
int activ_props_measure(const activ_entry *e, const double *p, const activ_props_config *c, activ_measured *out,
                        char *err, size_t errlen);

/*
 * Measures n entries (ps[i] NULL: defaults) and, if c->cost, times each
 * kernel and ReLU's in the same run.  0, or -1 with a message.
 */
int activ_props_measure_many(const activ_entry *const *es, const double *const *ps, size_t n,
                             const activ_props_config *c, activ_measured *out, char *err, size_t errlen);

/* Kernel cost: best-of-several ns per element, forward and backward, on 32 Ki floats. */
void activ_props_cost(const activ_entry *e, const double *p, double *fwd_ns, double *bwd_ns);

/*
 * The predictor of how well an activation will train, from its measured
 * properties alone (higher is better; docs/properties.md gives the formula).
 */
double activ_props_score(const activ_measured *m);

/* Spearman's rank correlation of a and b (ties get their mean rank); NaN if undefined. */
double activ_spearman(const double *a, const double *b, size_t n);

#ifdef __cplusplus
}
#endif
#endif
