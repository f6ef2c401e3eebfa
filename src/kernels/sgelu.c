/*
 * SGELU: alpha x erf(x/sqrt 2).  f' = alpha (erf(x/sqrt2) + x sqrt(2/pi)
 * e^(-x^2/2)): both terms have the sign of x, no cancellation (erf and exp:
 * two transcendentals).  x is clamped to [-30, 30] in f' (erf is +-1 and
 * the exp 0 in float) so that no inf*0 appears.  df/dalpha = x erf(x/sqrt2).
 * Error (tests/test_kernels.c): f <= 3 ULP per unit of condition, f' <= 3.
 */
#include "kernel.h"

#define SG_RSQRT2 0.70710678118654752f
#define SG_SQRT2_PI 0.79788456080286536f

V_INLINE vf sgelu_g(vf x) { return x * verf(x * SG_RSQRT2); }
V_INLINE vf sgelu_f(vf x, const vf *P) { return P[0] * sgelu_g(x); }
V_INLINE vf sgelu_df(vf x, const vf *P)
{
    x = vmax(vmin(x, vset(30)), vset(-30));
    return P[0] * vfma(x * SG_SQRT2_PI, vexp(-0.5f * x * x), verf(x * SG_RSQRT2));
}
V_INLINE void sgelu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = sgelu_g(x);
}
ACTIV_KERNEL_P(sgelu, 1, 3, 3, 0, NULL)
