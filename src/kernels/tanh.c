/*
 * Tanh: vec.h's vtanh (Taylor to x^21 below 0.55, else (1-t)/(1+t)); f' = sech^2 x = 4e/(1+e)^2 with e = e^-2|x|,
 * which keeps its relative accuracy in the tails (1 - tanh^2 cancels) and
 * never overflows (e = 0 at +-inf gives 0).
 * From the output: (1 - y)(1 + y), as the double code (exact factors for
 * |y| >= 1/2).
 * Error (measured, AVX-512/AVX2/generic alike): f 1 ULP (vtanh),
 * f' 2.6 ULP (x ~ -0.33), from the output 1.5; declared 1.5 and 3.
 */
/* Since vtanh replaced SLEEF's tanhf (twice as fast, up to 2.5 ULP against 1),
   the bounds in the ACTIV_KERNEL line below supersede the figures above:
   15% over the worst of four samples.  With the inline exp, the degree-4
   minimax and vdiv (2026-11-27b): f 1.41, f' 2.59 measured. */
#include "kernel.h"

V_INLINE vf tanh_f(vf x, const vf *P)
{
    (void)P;
    return vtanh(x);
}
/* sech^2 from e^-2|x| */
V_INLINE vf k_sech2(vf x)
{
    vf e = vexp(-2.0f * vabs(x));
    vf d = 1.0f + e;
    return vdiv(4.0f * e, d * d);
}
V_INLINE vf tanh_df(vf x, const vf *P)
{
    (void)P;
    return k_sech2(x);
}
V_INLINE vf tanh_dy(vf y, const vf *P)
{
    (void)P;
    return (1.0f - y) * (1.0f + y);
}
ACTIV_KERNEL_Y(tanh, 0, 1.8f, 3.2f, 0, NULL)
