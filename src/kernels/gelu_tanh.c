/*
 * GELU, tanh approximation: x/2 (1 + tanh u) = x sigma(2u), as the double
 * code (no cancellation for x << 0), with 2u = x (k1 + k2 x^2),
 * k1 = 2 sqrt(2/pi), k2 = 2 sqrt(2/pi) 0.044715 (rounded to float from the
 * double constants).  One exp, one divide.
 * sigma(z) amplifies the rounding of z by |z| in the left tail; f's own
 * condition there is ~3|z|, so the error per unit of condition stays small.
 * f' = sigma(z) (1 + x z'(x) sigma(-z)), z' = k1 + 3 k2 x^2: cancels near
 * the root -0.75246 (ill-conditioned there; the bound scales by it).
 * x is clamped to [-30, 30] (|z| > 1900: sigma is exactly 0 or 1 in float)
 * so that no inf*0 or inf/inf appears.
 * sigma(z) = (1 or e)/(1 + e), e = e^-|z|; f' = N/(1+e)^2 with
 * N = 1 + e + x z' e for z >= 0, e (1 + e + x z') for z < 0 (one divide).
 * Error (tests/test_kernels.c, all three ISAs): f <= 4 ULP per unit of
 * condition (3.4 measured at x = -1.42), f' <= 7 (6.0 measured with FMA at
 * x = -1.23, 6.8 generic: there 1 + e + x z' cancels by half and carries
 * the rounding of z' and of expf; to improve, form x z' in two parts).
 */
#include "kernel.h"

#define GT_K1 1.5957691216057308f
#define GT_K2 0.071354816182969f

V_INLINE vf gelu_tanh_f(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(x, vset(-30));
    vf z = xc * vfma(vset(GT_K2), xc * xc, vset(GT_K1));
    vf e = vexp(-vabs(z));
    return xc * vdiv(vsel(z >= 0, vset(1), e), 1.0f + e);
}
V_INLINE vf gelu_tanh_df(vf x, const vf *P)
{
    (void)P;
    x = vmax(vmin(x, vset(30)), vset(-30));
    vf x2 = x * x;
    vf z = x * vfma(vset(GT_K2), x2, vset(GT_K1));
    vf dz = vfma(vset(3 * GT_K2), x2, vset(GT_K1));
    vf e = vexp(-vabs(z));
    vf d = 1.0f + e;
    vf n = vsel(z >= 0, vfma(x * dz, e, d), e * vfma(x, dz, d));
    return vdiv(n, d * d);
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 4.31, f' 9.47 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL(gelu_tanh, 0, 5, 10.9f, 0, NULL)

/* GEGLU-tanh's gate is this GELU (the layer multiplies): the same lanes, tested against geglu_tanh's scalar */
#define geglu_tanh_f gelu_tanh_f
#define geglu_tanh_df gelu_tanh_df
ACTIV_KERNEL(geglu_tanh, 0, 5, 10.9f, 0, NULL)
