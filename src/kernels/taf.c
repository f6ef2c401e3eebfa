/*
 * TAF: sqrt((x - a)^2 + b^2); f' = (x - a)/f; d/da = -(x - a)/f,
 * d/db = b/f.  Evaluated in double per lane: x - a and both squares are
 * exact there (floats have 24 bits, their squares fit in 53 and cannot
 * overflow), so f and the ratios are rounded to float once after a double
 * sqrt and divide: 0.5 ULP and the double rounding (below 2^-28 ULP more).
 * Measured (all three ISAs, default and random a, b): 0.5 for f and f'.  x = +-inf gives f = inf and
 * f' = +-1; d = b = 0 gives f' = 0, as the scalar.
 */
#include "kernel.h"

typedef double taf_vd __attribute__((vector_size(VW * 8)));
#define taf_d(v) __builtin_convertvector((v), taf_vd)

/* h = sqrt(d^2 + b^2) in double, lane by lane (a macro: double vectors are not passed to or
   returned from functions, whose ABI would differ between the builds) */
#define TAF_HYP(h, d, b)                                                                                 \
    taf_vd h = (d) * (d) + (b) * (b);                                                                     \
    for (int i_ = 0; i_ < VW; i_++) h[i_] = __builtin_sqrt(h[i_]);
V_INLINE vf taf_f(vf x, const vf *P)
{
    taf_vd d = taf_d(x) - taf_d(P[0]), b = taf_d(P[1]);
    TAF_HYP(h, d, b)
    return __builtin_convertvector(h, vf);
}
/* d/h and b/h as floats */
V_INLINE void taf_ratios(vf x, const vf *P, vf *rd, vf *rb)
{
    vm inf = vabs(x) == __builtin_inff();
    vf xc = vsel(inf, vset(0), x);
    taf_vd d = taf_d(xc) - taf_d(P[0]), b = taf_d(P[1]);
    TAF_HYP(h, d, b)
    vf fd = __builtin_convertvector(d / h, vf), fb = __builtin_convertvector(b / h, vf);
    vf zero = __builtin_convertvector(h, vf) * 0.0f; /* 0 where h > 0 */
    vm h0 = __builtin_convertvector(h == 0, vm);
    *rd = vsel(inf, vcopysign(vset(1), x), vsel(h0, zero, fd));
    *rb = vsel(inf, vset(0), vsel(h0, zero, fb));
}
V_INLINE vf taf_df(vf x, const vf *P)
{
    vf rd, rb;
    taf_ratios(x, P, &rd, &rb);
    return rd;
}
V_INLINE void taf_dp(vf x, const vf *P, vf *g)
{
    vf rd, rb;
    taf_ratios(x, P, &rd, &rb);
    g[0] = -rd;
    g[1] = rb;
}
ACTIV_KERNEL_P(taf, 2, 0.51f, 0.51f, 0, NULL)
