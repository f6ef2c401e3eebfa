/*
 * SiLU (Swish-1): x sigma(x), with e = e^-|x| (never overflows) and
 * r = 1/(1+e): sigma(|x|) = r, sigma(-|x|) = e r.
 * f' follows the double code's two forms:
 *   x >= 0: sigma(x)(1 + x sigma(-x)) = r (1 + x e r)     (all terms positive)
 *   x <  0: sigma(x) sigma(-x)(1 + x + e^x) = e r^2 ((1 + x) + e)
 * where 1 + x is exact in float near the zero of f' at x = -1.27846
 * (Sterbenz), so only e's rounding is left there.
 * x is clamped to [-200, 200] (f and f' are then x or 0, and 1 or 0, in
 * float) so that no inf*0 appears at +-inf.
 * For -0.75 < x < 0, f' = e r (1 + x r) (sigma(x)(1 + x sigma(-x)), no
 * cancellation there), which has fewer roundings than the zero form.
 * Error (measured by tests/test_kernels.c, AVX-512, AVX2, generic alike):
 * f 2.56 ULP per unit of condition (x ~ -1.9), f' 3.64 (x ~ -2.15, the
 * zero form's roundings on top of expf's 1 ULP); declared 3 and 4.
 */
#include "kernel.h"

V_INLINE vf silu_f(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(x, vset(-200));
    return xc * vsigmoid(xc);
}
V_INLINE vf silu_df(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(vmin(x, vset(200)), vset(-200));
    vf e = vexp(-vabs(xc));
    vf d = 1.0f + e, r = vrcp(d);
    vf er = e * r;
    vf pos = r * vfma(xc, er, vset(1));
    vf mid = er * vfma(xc, r, vset(1));       /* sigma(x)(1 + x sigma(-x)), x < 0 */
    vf neg = vdiv(e * ((1.0f + xc) + e), d * d); /* near the zero of f' */
    return vsel(xc >= 0, pos, vsel(xc > -0.75f, mid, neg));
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 3.13, f' 4.17 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL(silu, 0, 3.6f, 4.8f, 0, NULL)

/* SwiGLU's gate is this SiLU (the layer multiplies): the same lanes, tested against swiglu's own scalar */
#define swiglu_f silu_f
#define swiglu_df silu_df
ACTIV_KERNEL(swiglu, 0, 3.6f, 4.8f, 0, NULL)
