/*
 * SELU: lambda*x for x > 0, lambda*alpha*expm1(x) otherwise, with the
 * catalog's constants rounded to float once (lambda, lambda*alpha as the
 * scalar's SELU_LA); f' = lambda or lambda*alpha*e^x (f'(0) = lambda*alpha,
 * the x <= 0 piece); from the output f' = (y + LA_hi) + LA_lo (the first sum is exact where
 * it cancels, y near -lambda*alpha).
 * The positive side is lambda_hi*x + lambda_lo*x (fused where FMA exists)
 * so that it is within about 0.5 ULP of the exact lambda*x (the low part
 * takes min(x, FLT_MAX) so that +inf gives inf, not inf - inf).
 * x is clamped to -104 before the exponentials (e^x is 0 there in float).
 * Error: SLEEF expm1f/expf u10 and the rounded constant.  Measured (all
 * three ISAs, tests/test_kernels.c): f 1.56 ULP (generic; 1.38 with FMA),
 * worst on the negative side near 0; f' 1.6 near x = -0.57.
 */
#include <float.h>

/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

#define SELU_L_HI 1.05070102214813232421875f /* (float)1.0507009873554804934 */
#define SELU_L_LO -3.479265183079941e-8f     /* lambda - L_HI */
#define SELU_LA_HI 1.7580993175506591796875f /* (float)(lambda*alpha) */
#define SELU_LA_LO 2.3296717680252718e-8f    /* lambda*alpha - LA_HI */

V_INLINE vf selu_f(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(x, vset(-104));
    vf e = vexpm1(xc);
    return vsel(x > 0, vfma(x, vset(SELU_L_HI), vmin(x, vset(FLT_MAX)) * SELU_L_LO), vfma(e, vset(SELU_LA_HI), e * SELU_LA_LO));
}
V_INLINE vf selu_df(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(vmin(x, vset(0)), vset(-104));
    return vsel(x > 0, vset(SELU_L_HI), SELU_LA_HI * vexp(xc));
}
V_INLINE vf selu_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y > 0, vset(SELU_L_HI), (y + SELU_LA_HI) + SELU_LA_LO);
}
ACTIV_KERNEL_Y(selu, 0, 2.8f, 1.9f, 0, NULL)
