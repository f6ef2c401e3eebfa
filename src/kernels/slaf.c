/*
 * SLAF (cubic): a0 + a1 x + a2 x^2 + a3 x^3; f' = a1 + 2 a2 x + 3 a3 x^2;
 * d/da_k = x^k.  Horner's rule in double per lane (x^3 of a float cannot
 * overflow there; 2 a2 and 3 a3 are exact), rounded to float once: the
 * double roundings (2^-53 relative to the terms) matter only right at a
 * root of f or f', where the test scales by the condition.  x = +-inf
 * gives the limit of the highest non-zero term, as the scalar's poly_inf.
 * Measured (all three ISAs, default and random coefficients): 0.5 ULP for
 * f and f' (bound 0.51: the double rounding adds a tiny fraction).
 */
#include <float.h>

#include "kernel.h"

typedef double slaf_vd __attribute__((vector_size(VW * 8)));
#define slaf_d(v) __builtin_convertvector((v), slaf_vd)

/* limit at x = +-inf of c0 + c1 x + c2 x^2 (+ c3 x^3 when n = 3) */
V_INLINE vf slaf_inf(vf x, vf c0, vf c1, vf c2, vf c3, int n)
{
    vf inf = vset(__builtin_inff()), r = c0, pos = vsel(x > 0, vset(1), vset(-1));
    r = vsel(c1 != 0, vcopysign(inf, c1 * pos), r);
    r = vsel(c2 != 0, vcopysign(inf, c2), r);
    if (n == 3) r = vsel(c3 != 0, vcopysign(inf, c3 * pos), r);
    return r;
}
V_INLINE vf slaf_f(vf x, const vf *P)
{
    vf xc = vmax(vmin(x, vset(FLT_MAX)), vset(-FLT_MAX));
    slaf_vd xd = slaf_d(xc);
    slaf_vd s = ((slaf_d(P[3]) * xd + slaf_d(P[2])) * xd + slaf_d(P[1])) * xd + slaf_d(P[0]);
    return vsel(vabs(x) == __builtin_inff(), slaf_inf(x, P[0], P[1], P[2], P[3], 3), __builtin_convertvector(s, vf));
}
V_INLINE vf slaf_df(vf x, const vf *P)
{
    vf xc = vmax(vmin(x, vset(FLT_MAX)), vset(-FLT_MAX));
    slaf_vd xd = slaf_d(xc);
    slaf_vd s = (3.0 * slaf_d(P[3]) * xd + 2.0 * slaf_d(P[2])) * xd + slaf_d(P[1]);
    vf c2 = P[3] * 3.0f, c1 = P[2] * 2.0f; /* only their signs and zeroness matter at +-inf */
    return vsel(vabs(x) == __builtin_inff(), slaf_inf(x, P[1], c1, c2, vset(0), 2), __builtin_convertvector(s, vf));
}
V_INLINE void slaf_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = vset(1);
    g[1] = x;
    g[2] = x * x;
    g[3] = x * x * x;
}
ACTIV_KERNEL_P(slaf, 4, 0.51f, 0.51f, 0, NULL)
