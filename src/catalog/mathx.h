/*
 * Numerically careful building blocks shared by the catalog entries (double).
 *
 * Each one is exact to a few double ULP for every finite input, returns the
 * limit for +-inf and propagates NaN.  Beware fmax/fmin: they drop a NaN
 * operand, so entries that use them check isnan(x) first (activ_f64 also
 * returns NaN for a NaN input before calling an entry).
 */
#ifndef ACTIV_MATHX_H
#define ACTIV_MATHX_H

#include <math.h>

/* 1/(1+e^-x), split on the sign so that exp never overflows. */
static inline double ax_sigmoid(double x)
{
    if (x >= 0) return 1.0 / (1.0 + exp(-x));
    double e = exp(x);
    return e / (1.0 + e);
}

/* sigma(x)(1-sigma(x)) = sigma(x) sigma(-x): the product of two accurate
   factors keeps full relative accuracy in both tails (1-sigma(x) would not). */
static inline double ax_dsigmoid(double x)
{
    return ax_sigmoid(x) * ax_sigmoid(-x);
}

/* ln(1+e^x) = max(x,0) + log1p(e^-|x|). */
static inline double ax_softplus(double x)
{
    if (isnan(x)) return x;
    return (x > 0 ? x : 0.0) + log1p(exp(-fabs(x)));
}

/* ln sigma(x) = -softplus(-x). */
static inline double ax_log_sigmoid(double x)
{
    return -ax_softplus(-x);
}

/* sech^2 x = 1 - tanh^2 x = 4e^-2|x| / (1 + e^-2|x|)^2: no cancellation, no
   overflow, and it stays accurate down to the smallest denormal. */
static inline double ax_sech2(double x)
{
    double e = exp(-2.0 * fabs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
}

/* Standard normal CDF and PDF; erfc keeps the left tail accurate. */
static inline double ax_Phi(double x)
{
    return 0.5 * erfc(-x * 0.70710678118654752440);
}
static inline double ax_phi(double x)
{
    return 0.39894228040143267794 * exp(-0.5 * x * x);
}

/* x * e: a product that is exactly 0 (not NaN) when one factor is 0 and the other infinite.
   Used where a factor is 0 in the limit and the other grows, e.g. x*sigmoid(x) at -inf. */
static inline double ax_mul0(double a, double b)
{
    return (a == 0 || b == 0) ? 0.0 : a * b;
}

/* a*b*e^z without the precision loss of a subnormal e^z (e^z underflows
   gradually below z ~ -708 while the product may still be normal) or the
   overflow of a*b when the product itself is representable; 0 when a
   factor is 0 or z = -inf, whatever the others are. */
static inline double ax_prod_exp(double a, double b, double z)
{
    if (a == 0 || b == 0 || z == -INFINITY) return 0.0;
    double ab = a * b;
    if (z > -700 && isfinite(ab)) return ab * exp(z);
    double s = (a < 0) != (b < 0) ? -1.0 : 1.0;
    return s * exp(log(fabs(a)) + log(fabs(b)) + z);
}

#endif
