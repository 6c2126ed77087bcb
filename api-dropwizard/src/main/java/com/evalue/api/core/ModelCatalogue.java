package com.evalue.api.core;

import com.evalue.api.api.Catalogue;
import com.evalue.api.db.CatalogueDao;
import com.evalue.api.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Makes, models, static data, trendlines and flash SoH (api.md §5.2, §5.4; results.md §2.4, §9). */
public class ModelCatalogue {
  public static final String MODEL_NOT_FOUND = "Model not found";
  public static final String NO_FLASH_CURVE = "Model not found or model has no trendline";
  private static final int[] FLASH_KM = {0, 30_000, 60_000, 90_000, 120_000};

  private final CatalogueDao dao;

  public ModelCatalogue(CatalogueDao dao) {
    this.dao = dao;
  }

  public Catalogue.MakesResponse makes() {
    return new Catalogue.MakesResponse(dao.supportedMakes().stream()
        .map(m -> new Catalogue.MakeItem(m.id(), m.name(),
            OemCapabilities.MODEL_AND_TYPE_REQUIRED.contains(m.oemCode()) ? "Model & type required" : null,
            OemCapabilities.OEM_SOH.contains(m.oemCode()), OemCapabilities.ESTIMATED_SOH.contains(m.oemCode())))
        .toList());
  }

  public Catalogue.ModelsResponse models(String makeIdParam) {
    UUID makeId = Params.pathUuid(makeIdParam);
    dao.makeById(makeId).orElseThrow(() -> ApiException.notFound("Make not found"));
    return new Catalogue.ModelsResponse(dao.modelsOfMake(makeId));
  }

  public List<Catalogue.EligibleModel> eligibleModels(String hasFlash, String hasOem, String hasEstimated) {
    return dao.eligibleModels(Params.bool("has_flash_soh", hasFlash), Params.bool("has_oem_soh", hasOem),
        Params.bool("has_estimated_soh", hasEstimated));
  }

  public Catalogue.ModelData modelData(String modelIdParam) {
    return dao.modelData(Params.pathUuid(modelIdParam)).orElseThrow(() -> ApiException.notFound(MODEL_NOT_FOUND));
  }

  public Catalogue.TrendlineResponse trendline(String modelIdParam) {
    CatalogueDao.ModelKey model = dao.modelKey(Params.pathUuid(modelIdParam))
        .orElseThrow(() -> ApiException.notFound(MODEL_NOT_FOUND));
    Map<String, Map<String, Trendline>> group = bands(dao.trendlines(model), "model_group");
    Catalogue.Bands estimated = bands(group.get("estimated"));
    Catalogue.Bands oem = bands(group.get("oem"));
    if (estimated == null && oem == null) {
      throw ApiException.notFound("Model has no trendline");
    }
    String comment = model.version() != null ? "This trendline is based on the version of the model" : null;
    return new Catalogue.TrendlineResponse(model.id(), model.modelName(), model.type(), model.version(), estimated,
        oem, comment);
  }

  /** The flash SoH at {@code odometer} on the first available curve: oem → estimated → OEM-level (combined). */
  public Catalogue.FlashSoh flash(String modelIdParam, String odometerParam) {
    UUID modelId = Params.pathUuid(modelIdParam);
    int odometer = odometer(odometerParam);
    CatalogueDao.ModelKey model = dao.modelKey(modelId).orElseThrow(() -> ApiException.notFound(NO_FLASH_CURVE));
    List<CatalogueDao.TrendlineRow> rows = dao.trendlines(model);
    Map<String, Map<String, Trendline>> group = bands(rows, "model_group");
    Map<String, Map<String, Trendline>> oemLevel = bands(rows, "oem");
    record Choice(String source, Map<String, Trendline> bands) {}
    Choice choice = complete(group.get("oem")).map(b -> new Choice("oem", b))
        .or(() -> complete(group.get("estimated")).map(b -> new Choice("estimated", b)))
        .or(() -> complete(oemLevel.get("combined")).map(b -> new Choice("combined", b)))
        .orElseThrow(() -> ApiException.notFound(NO_FLASH_CURVE));
    Trendline mean = choice.bands().get("mean");
    List<double[]> min = new ArrayList<>();
    List<double[]> max = new ArrayList<>();
    for (int km : FLASH_KM) {
      min.add(new double[] {km, choice.bands().get("lower").at(km)});
      max.add(new double[] {km, choice.bands().get("upper").at(km)});
    }
    return new Catalogue.FlashSoh(modelId, mean.at(odometer), choice.source(), odometer, min, max);
  }

  private static int odometer(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiException.invalid("odometer", "is required: an integer ≥ 0 (km)");
    }
    try {
      int km = Integer.parseInt(raw.trim());
      if (km >= 0) {
        return km;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.invalid("odometer", "must be an integer ≥ 0 (km)");
  }

  /** source → band → curve, for one scope. */
  private static Map<String, Map<String, Trendline>> bands(List<CatalogueDao.TrendlineRow> rows, String scope) {
    return rows.stream().filter(r -> r.scope().equals(scope)).collect(Collectors.groupingBy(
        CatalogueDao.TrendlineRow::source,
        Collectors.toMap(CatalogueDao.TrendlineRow::band, CatalogueDao.TrendlineRow::curve, (x, y) -> x)));
  }

  private static Optional<Map<String, Trendline>> complete(Map<String, Trendline> bands) {
    return bands != null && bands.keySet().containsAll(List.of("mean", "lower", "upper"))
        ? Optional.of(bands) : Optional.empty();
  }

  private static Catalogue.Bands bands(Map<String, Trendline> bands) {
    if (bands == null || !bands.containsKey("mean")) {
      return null;
    }
    return new Catalogue.Bands(coefficients(bands.get("mean")), coefficients(bands.get("lower")),
        coefficients(bands.get("upper")));
  }

  private static Catalogue.Coefficients coefficients(Trendline t) {
    return t == null ? null : new Catalogue.Coefficients(t.a(), t.b(), t.offset());
  }
}
