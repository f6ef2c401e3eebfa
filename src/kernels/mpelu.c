/*
 * MPELU, and FELU (the same function with (alpha, s) for (alpha, beta)):
 * x for x > 0, alpha*expm1(beta*x) otherwise; f' = 1 or
 * alpha*beta*e^(beta*x) (f'(0) = alpha*beta, the x <= 0 piece); from the
 * output f' = 1 or beta*(y + alpha) (the sum is exact where it cancels);
 * d/dalpha = expm1(z), d/dbeta = alpha*x*e^z for x <= 0, z = beta*x.
 * The rounding of beta*x is an input perturbation (scaled by f's
 * condition in the test).  z is clamped to -104 before the exponentials
 * (e^z is 0 in float there, and x*e^z is set to 0 as in the scalar).
 * Error: SLEEF expm1f/expf u10 and the products.  Measured (all three
 * ISAs, default and random parameters): MPELU f 2.05 ULP per unit of
 * condition, f' 2.53 (alpha*beta*e^z: three roundings and expf); FELU f
 * 2.08, f' 2.36; f' from y 1.46.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf mpelu_z(vf x, const vf *P) { return vmax(P[1] * vmin(x, vset(0)), vset(-104)); }
V_INLINE vf mpelu_f(vf x, const vf *P) { return vsel(x > 0, x, P[0] * vexpm1(mpelu_z(x, P))); }
V_INLINE vf mpelu_df(vf x, const vf *P) { return vsel(x > 0, vset(1), P[0] * P[1] * vexp(mpelu_z(x, P))); }
V_INLINE vf mpelu_dy(vf y, const vf *P) { return vsel(y > 0, vset(1), P[1] * (y + P[0])); }
V_INLINE void mpelu_dp(vf x, const vf *P, vf *g)
{
    vf z = mpelu_z(x, P);
    g[0] = vsel(x > 0, vset(0), vexpm1(z));
    g[1] = vsel((x > 0) | (z <= -104), vset(0), P[0] * x * vexp(z));
}
ACTIV_KERNEL_YP(mpelu, 2, 2.9f, 3, 0, NULL)

#define felu_f mpelu_f
#define felu_df mpelu_df
#define felu_dy mpelu_dy
#define felu_dp mpelu_dp
ACTIV_KERNEL_YP(felu, 2, 2.5f, 3, 0, NULL)
