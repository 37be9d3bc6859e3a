import { describe, expect, it } from 'vitest';
import { forecastReasonText } from '../../../src/cost/render.js';

describe('why there is no forecast', () => {
  it('says the endpoint offers no forecasts instead of naming a parser error', () => {
    expect(forecastReasonText('SyntaxError: Unexpected token < in JSON at position 0')).toBe('this endpoint does not offer cost forecasts');
    expect(forecastReasonText('UnknownOperationException: GetCostForecast')).toBe('this endpoint does not offer cost forecasts');
  });

  it('says a new account has too little history, and keeps other error codes', () => {
    expect(forecastReasonText('DataUnavailableException: Insufficient amount of historical data')).toBe('not enough cost history yet');
    expect(forecastReasonText('AccessDeniedException: no ce:GetCostForecast')).toBe('AccessDeniedException');
  });
});
