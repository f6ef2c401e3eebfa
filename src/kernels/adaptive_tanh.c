/*
 * Adaptive tanh: tanh(z), z = (n*a)*x; f' = n*a*sech^2(z), with
 * sech^2 = 4e/(1 + e)^2, e = e^(-2|z|) (1 - tanh^2 would cancel in the
 * tails); from the output f' = (n*a)*(1 - y)(1 + y) (each factor exact
 * where it is small).  d/dn = a*x*sech^2(z), d/da = n*x*sech^2(z).
 * Where e is subnormal (|z| > 40) but n*a*4e may be a normal float, the
 * product is formed as sign*e^(-2|z| + ln|4 n a|) (only when some lane
 * needs it), as the scalar does; |z| is clamped to 1e30 so that infinite z
 * gives 0.  The roundings of n*a and of z are input perturbations (scaled
 * in the test by the condition of f, or of f', 2|z tanh z|).
 * Error: SLEEF tanhf/expf u10, a divide, products.  Measured (all three
 * ISAs, default and random n, a): f 2.09 ULP per unit of condition, f' 3.76
 * (near z = 0, where 4e/(1+e)^2 rounds four times), f' from y 2.39.
 */
#include "kernel.h"

V_INLINE vf atanh_sech2(vf k, vf z) /* k*sech^2(z) */
{
    vf az = vmin(vabs(z), vset(1e30f));
    vf en = vmax(-2.0f * az, vset(-200)); /* clamped: SSE2 expf gives NaN near -1e38 */
    vf e = vexp(en), d = 1.0f + e;
    vf r = 4.0f * k * e / (d * d);
    vm far = az > 40.0f;
    if (vany(far)) r = vsel(far, vcopysign(vexp(vmax(vlog(vabs(4.0f * k)) - 2.0f * az, vset(-200))), k), r);
    return r;
}
V_INLINE vf adaptive_tanh_f(vf x, const vf *P) { return vtanh(P[0] * P[1] * x); }
V_INLINE vf adaptive_tanh_df(vf x, const vf *P)
{
    vf k = P[0] * P[1];
    return atanh_sech2(k, k * x);
}
V_INLINE vf adaptive_tanh_dy(vf y, const vf *P) { return (P[0] * P[1]) * ((1.0f - y) * (1.0f + y)); }
V_INLINE void adaptive_tanh_dp(vf x, const vf *P, vf *g)
{
    vf z = P[0] * P[1] * x, s = atanh_sech2(vset(1), z);
    g[0] = P[1] * x * s;
    g[1] = P[0] * x * s;
}
ACTIV_KERNEL_YP(adaptive_tanh, 2, 2.5f, 4.4f, 0, NULL)
