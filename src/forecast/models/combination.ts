import { type ForecastModel, type ModelInput, negativeBinomialForecast } from '../model.js';

/**
 * A weighted combination of models' means (forecast combination: Bates & Granger 1969; Wang et al., "Forecast
 * combinations: an over 50-year review", IJF 2023), with the negative-binomial dispersion of the first (the count
 * model, which estimates it best).
 */
export function combinationModel(
  members: readonly { model: ForecastModel; weight: number }[],
): ForecastModel {
  const total = members.reduce((s, m) => s + m.weight, 0);
  return {
    id: 'combination',
    title: `Combination (${members.map((m) => `${m.model.id} ${Math.round((100 * m.weight) / total)} %`).join(', ')})`,
    forecast(input: ModelInput) {
      const forecasts = members.map((m) => m.model.forecast(input));
      const mean = new Float64Array(input.horizon);
      forecasts.forEach((f, i) => {
        const w = members[i]!.weight / total;
        for (let h = 0; h < input.horizon; h++) mean[h]! += w * f.mean[h]!;
      });
      return negativeBinomialForecast(mean, forecasts[0]!.dispersion ?? 0);
    },
  };
}
