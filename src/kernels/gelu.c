/*
 * GELU (erf form): x Phi(x) = x erfc(-x/sqrt2)/2; f' = Phi(x) + x phi(x).
 * erfc keeps the left tail's relative accuracy (1 + erf would cancel).
 * The rounding of -x/sqrt2 is amplified by erfc's condition (2t^2): the
 * left tail is ill-conditioned (GELU's own condition is ~x^2), and the
 * bound is 4 ULP per unit of condition.  f' = Phi + x phi cancels on
 * [-2, -0.75]: measured up to 5.8 ULP per unit of condition (generic, no
 * FMA), declared 6.7.  erfc (SLEEF u15, ~3 ns per element) makes this the
 * slowest kernel: a faster erfc is the next step.
 */
#include "kernel.h"

#define RSQRT2 0.70710678118654752f
#define RSQRT2PI 0.39894228040143268f

/* past |x| = 30 Phi is 0 or 1 and phi is 0 in float: clamping avoids inf*0 */
V_INLINE vf gelu_f(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(x, vset(-30));
    return xc * 0.5f * verfc(-xc * RSQRT2);
}
V_INLINE vf gelu_df(vf x, const vf *P)
{
    (void)P;
    x = vmax(vmin(x, vset(30)), vset(-30));
    vf Phi = 0.5f * verfc(-x * RSQRT2);
    vf phi = RSQRT2PI * vexp(-0.5f * x * x);
    return vfma(x, phi, Phi);
}
ACTIV_KERNEL(gelu, 0, 4, 6.7f, 0, NULL)
