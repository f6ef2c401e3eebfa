/*
 * EELU: k*x for x > 0 (k the elastic slope, a parameter here: random in
 * training, 1 in evaluation; 0*x is 0 for every x, as the scalar's
 * ax_mul0); alpha*expm1(z), z = beta*x (0 for beta = 0), otherwise.
 * f' = k or alpha*beta*e^z (f'(0) = alpha*beta, the x <= 0 piece); from
 * the output f' = k or beta*(y + alpha) (the sum exact where it cancels);
 * d/dalpha = expm1(z), d/dbeta = alpha*x*e^z for x <= 0, d/deps = 0,
 * d/dk = x for x > 0.  z is clamped to -104 before the exponentials (e^z is
 * 0 in float there, and x*e^z is set to 0 as in the scalar).  The rounding
 * of beta*x is an input perturbation (scaled by f's condition).
 * Error: SLEEF expm1f/expf u10 and the products, as MPELU.  Measured (all
 * three ISAs, default and random parameters): f 1.96 ULP per unit of
 * condition, f' 2.41 (near x = -1), f' from y 1.46.
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

V_INLINE vf eelu_z(vf x, const vf *P)
{
    return vsel(P[1] == 0, vset(0), vmax(P[1] * vmin(x, vset(0)), vset(-104)));
}
V_INLINE vf eelu_f(vf x, const vf *P)
{
    return vsel(x > 0, vsel(P[3] == 0, vset(0), P[3] * x), P[0] * vexpm1(eelu_z(x, P)));
}
V_INLINE vf eelu_df(vf x, const vf *P) { return vsel(x > 0, P[3], P[0] * P[1] * vexp(eelu_z(x, P))); }
V_INLINE vf eelu_dy(vf y, const vf *P) { return vsel(y > 0, P[3], P[1] * (y + P[0])); }
V_INLINE void eelu_dp(vf x, const vf *P, vf *g)
{
    vf z = eelu_z(x, P);
    g[0] = vsel(x > 0, vset(0), vexpm1(z));
    g[1] = vsel((x > 0) | (z <= -104), vset(0), P[0] * x * vexp(z));
    g[2] = vset(0);
    g[3] = vsel(x > 0, x, vset(0));
}
V_INLINE vf eelu_draw(vdraw d, const vf *P) /* 1 + eps u z, clipped to [0, 2] */
{
    return vmin(vmax(vfma(P[2] * vdraw_u(d), vdraw_z(d), vset(1)), vset(0)), vset(2));
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 2.5, f' 2.93 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL_DRAWN(eelu, 4, 3, 2.5f, 3.4f, 0, NULL)
