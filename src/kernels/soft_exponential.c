/*
 * Soft exponential (alpha >= 0), as the scalar: x for alpha = 0; with
 * u = alpha*x and c = alpha - 1/alpha = (alpha-1)(alpha+1)/alpha,
 *   alpha >= 1: e^u/alpha + c (two non-negative parts);
 *   alpha < 1:  (1 - alpha^2)*expm1(u - u0)/alpha, u0 = log1p(-alpha^2),
 *               which keeps the relative accuracy near the zero of f and
 *               where f tends to c for x -> -inf;
 * and where e^u (or expm1) would overflow before f does (u > 80, or
 * u - u0 > 80), e^(u - ln alpha) + c.
 * f' = e^u (1 for alpha = 0).  From the output f' = 1 + alpha*(y - alpha):
 * this cancels where f' is small, so it is evaluated in double per lane
 * (y - alpha and the product are then exact) and rounded once.
 * d/dalpha = (u e^u - e^u + 1)/alpha^2 + 1: for |u| < 1/2 as
 * x^2 * sum_{n>=2} (n-1) u^(n-2)/n! + 1 (Horner, to n = 10; this also
 * gives x^2/2 + 1 at alpha = 0), else as the scalar (e^u (u - 1) + 1)/alpha^2
 * or (1 - e^u (1 - u))/alpha^2, + 1.
 * The roundings of alpha*x are input perturbations (scaled by f's
 * condition in the test).  Error: SLEEF expf/expm1f/log1pf u10, the
 * rounded c and 1 - alpha^2.  Measured (all three ISAs, random alpha;
 * exact at the default alpha = 0): f 1.7 ULP per unit of condition, f' 1.35,
 * f' from y 0.5.
 */
#include "kernel.h"

typedef double sexp_vd __attribute__((vector_size(VW * 8)));

V_INLINE vf soft_exponential_f(vf x, const vf *P)
{
    vf a = P[0], u = vmax(a * x, vset(-200));
    vf c = (a - 1.0f) * (a + 1.0f) / a;
    vf k = (1.0f - a) * (1.0f + a);
    vf v = u - vlog1p(-(a * a));
    vf big = vexp(u - vlog(a)) + c;
    vf ge1 = vexp(vmin(u, vset(88.5f))) / a + c;
    vf lt1 = k * vexpm1(vmin(v, vset(88.5f))) / a;
    vf r = vsel(a < 1.0f, vsel(v <= 80.0f, lt1, big), vsel(u <= 80.0f, ge1, big));
    return vsel(a == 0, x, r);
}
V_INLINE vf soft_exponential_df(vf x, const vf *P)
{
    return vsel(P[0] == 0, vset(1), vexp(vmax(P[0] * x, vset(-200))));
}
V_INLINE vf soft_exponential_dy(vf y, const vf *P)
{
    sexp_vd yd = __builtin_convertvector(y, sexp_vd), ad = __builtin_convertvector(P[0], sexp_vd);
    return __builtin_convertvector(1.0 + ad * (yd - ad), vf);
}
V_INLINE void soft_exponential_dp(vf x, const vf *P, vf *g)
{
    vf a = P[0], u = vsel(a == 0, vset(0), vmax(vmin(a * x, vset(80)), vset(-200)));
    vf s = vset(9.0f / 3628800);
    s = vfma(s, u, vset(8.0f / 362880));
    s = vfma(s, u, vset(7.0f / 40320));
    s = vfma(s, u, vset(6.0f / 5040));
    s = vfma(s, u, vset(5.0f / 720));
    s = vfma(s, u, vset(4.0f / 120));
    s = vfma(s, u, vset(3.0f / 24));
    s = vfma(s, u, vset(2.0f / 6));
    s = vfma(s, u, vset(1.0f / 2));
    vf e = vexp(u), ia2 = 1.0f / (a * a);
    vf pos = vfma(e, u - 1.0f, vset(1)) * ia2;
    vf neg = (1.0f - e * (1.0f - u)) * ia2;
    g[0] = vsel(vabs(u) < 0.5f, x * x * s, vsel(u > 0, pos, neg)) + 1.0f;
}
ACTIV_KERNEL_YP(soft_exponential, 1, 2.1f, 1.7f, 0, NULL)
