#include "engine/mlp/loss.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "engine/core/enum_names.h"

namespace bpl {

namespace {
constexpr EnumName<Loss> kLosses[] = {
    {"half_mse", Loss::half_mse}, {"mse", Loss::mse}, {"bce", Loss::bce}, {"softmax_ce", Loss::softmax_ce}};
using Index = std::ptrdiff_t;
}  // namespace

std::optional<Loss> loss_from_name(std::string_view name) { return enum_from_name(kLosses, name); }

const char* loss_name(Loss loss) { return enum_name(kLosses, loss); }

const char* loss_names() {
  static const std::string names = enum_name_list(kLosses);
  return names.c_str();
}

std::optional<std::string> output_activation_mismatch(Loss loss, Activation output) {
  switch (loss) {
    case Loss::bce:
      if (output != Activation::sigmoid) return std::string("loss bce needs the output activation \"sigmoid\"");
      break;
    case Loss::softmax_ce:
      if (output != Activation::softmax) return std::string("loss softmax_ce needs the output activation \"softmax\"");
      break;
    case Loss::half_mse:
    case Loss::mse:
      if (output == Activation::softmax)
        return std::string("\"softmax\" is only for loss softmax_ce; expected one of ") +
               activation_names(false);
      break;
  }
  return std::nullopt;
}

bool loss_gradient_is_delta(Loss loss) { return loss == Loss::bce || loss == Loss::softmax_ce; }

double loss_gradient_factor(Loss loss, int outputs) {
  switch (loss) {
    case Loss::mse: return 2.0 / outputs;
    case Loss::bce: return 1.0 / outputs;
    case Loss::half_mse:
    case Loss::softmax_ce: return 1.0;
  }
  return 1.0;
}

template <typename Scalar>
Scalar loss_sum(Loss loss, int rows, int cols, const Scalar* z, int ldz, const Scalar* a,
                int lda, const Scalar* t, int ldt, Scalar* per_sample) {
  Scalar total = 0;
  for (int r = 0; r < rows; ++r) {
    const Scalar* z_row = z + Index(r) * ldz;
    const Scalar* o_row = a + Index(r) * lda;
    const Scalar* t_row = t + Index(r) * ldt;
    Scalar sample = 0;
    switch (loss) {
      case Loss::half_mse:  // ½ Σ_k (o_k − t_k)²
        for (int k = 0; k < cols; ++k) sample += (o_row[k] - t_row[k]) * (o_row[k] - t_row[k]);
        sample *= Scalar(0.5);
        break;
      case Loss::mse:  // (1/K) Σ_k (o_k − t_k)²
        for (int k = 0; k < cols; ++k) sample += (o_row[k] - t_row[k]) * (o_row[k] - t_row[k]);
        sample /= Scalar(cols);
        break;
      case Loss::bce:  // (1/K) Σ_k max(z,0) − t·z + log(1 + e^{−|z|})  (= −t log σ(z) − (1−t) log(1−σ(z)))
        for (int k = 0; k < cols; ++k) {
          const Scalar zk = z_row[k];
          sample += std::max(zk, Scalar(0)) - t_row[k] * zk + std::log1p(std::exp(-std::abs(zk)));
        }
        sample /= Scalar(cols);  // the mean over outputs, as PyTorch's binary_cross_entropy_with_logits
        break;
      case Loss::softmax_ce: {  // Σ_k t_k·(logsumexp(z) − z_k) = −Σ_k t_k log softmax(z)_k
        const Scalar max_z = *std::max_element(z_row, z_row + cols);
        Scalar exp_sum = 0;
        for (int k = 0; k < cols; ++k) exp_sum += std::exp(z_row[k] - max_z);
        const Scalar log_sum = std::log(exp_sum);
        for (int k = 0; k < cols; ++k) sample += t_row[k] * (log_sum - (z_row[k] - max_z));
        break;
      }
    }
    if (per_sample) per_sample[r] = sample;
    total += sample;
  }
  return total;
}

template <typename Scalar>
void loss_gradient(Loss loss, int rows, int cols, const Scalar* a, int lda, const Scalar* t,
                   int ldt, Scalar* grad, int ldg) {
  // half_mse: o − t;  mse: (2/K)(o − t);  bce: ∂ℓ/∂z = (o − t)/K;  softmax_ce: ∂ℓ/∂z = o − t.
  const Scalar factor = Scalar(loss_gradient_factor(loss, cols));
  for (int r = 0; r < rows; ++r) {
    for (int k = 0; k < cols; ++k) {
      grad[Index(r) * ldg + k] = factor * (a[Index(r) * lda + k] - t[Index(r) * ldt + k]);
    }
  }
}

template float loss_sum(Loss, int, int, const float*, int, const float*, int, const float*, int, float*);
template double loss_sum(Loss, int, int, const double*, int, const double*, int, const double*, int, double*);
template void loss_gradient(Loss, int, int, const float*, int, const float*, int, float*, int);
template void loss_gradient(Loss, int, int, const double*, int, const double*, int, double*, int);

}  // namespace bpl
