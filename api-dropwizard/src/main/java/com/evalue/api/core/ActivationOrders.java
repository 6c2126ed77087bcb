package com.evalue.api.core;

import com.evalue.api.api.VehicleCommand;
import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.db.ActivationDao;
import com.evalue.api.db.CatalogueDao;
import com.evalue.api.errors.ApiException;
import com.evalue.db.fleet.Vin;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The vehicle-command orders (activation.md §3–4): records what the customer wants (activation requested or not, which
 * SoH, the date window); the activation job makes the OEM state match later. One transaction per request; each order
 * gets its own result, and a rejected order changes nothing.
 */
public class ActivationOrders {
  public static final String ACTIVATION_REQUESTED = "ACTIVATION REQUESTED";
  public static final String ALREADY_ACTIVATED = "ALREADY ACTIVATED";
  public static final String INSTANT_READOUT_REQUESTED = "INSTANT READOUT REQUESTED";
  public static final String DEACTIVATION_REQUESTED = "DEACTIVATION REQUESTED";
  public static final String INSTANT_READOUT_ENDED = "INSTANT READOUT NOT REQUESTED ANYMORE";
  public static final String DEACTIVATED = "DEACTIVATED";

  /** /order-soh-report sets its own window; /activate uses the dates given (activation.md §3.2). */
  public enum Kind { ORDER_SOH_REPORT, ACTIVATE }

  private final ActivationDao dao;
  private final CatalogueDao catalogue;
  private final FleetAccess access;
  private final Set<String> instantReadoutOems;
  private final Clock clock;
  private final Validator validator;

  public ActivationOrders(ActivationDao dao, CatalogueDao catalogue, FleetAccess access,
      Set<String> instantReadoutOems, Clock clock, Validator validator) {
    this.dao = dao;
    this.catalogue = catalogue;
    this.access = access;
    this.instantReadoutOems = Set.copyOf(instantReadoutOems);
    this.clock = clock;
    this.validator = validator;
  }

  public VehicleCommand.Results order(AuthenticatedUser user, VehicleCommand.OrderRequest request, Kind kind) {
    if (request == null || request.fleetId() == null) {
      throw ApiException.invalid("fleet_id", "is required");
    }
    access.require(user, request.fleetId()); // 403 for the whole request comes first (activation.md §3.1)
    validate(request);
    List<Parsed> orders = parse(request.activationOrders());
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<VehicleCommand.Result> results = dao.transaction(tx -> {
      List<VehicleCommand.Result> out = new ArrayList<>();
      for (Parsed order : orders) {
        out.add(process(tx, request.fleetId(), order, kind, today));
      }
      return out;
    });
    return new VehicleCommand.Results(results);
  }

  public VehicleCommand.Results deactivate(AuthenticatedUser user, VehicleCommand.DeactivateRequest request) {
    if (request == null || request.fleetId() == null) {
      throw ApiException.invalid("fleet_id", "is required");
    }
    access.require(user, request.fleetId());
    validate(request);
    List<ApiException.FieldError> errors = new ArrayList<>();
    Set<String> vins = new LinkedHashSet<>();
    for (int i = 0; i < request.vins().size(); i++) {
      Optional<String> vin = Vin.normalise(request.vins().get(i));
      if (vin.isEmpty()) {
        errors.add(new ApiException.FieldError("vins[" + i + "]", "must be a valid VIN"));
      } else {
        vins.add(vin.get());
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return dao.transaction(tx -> {
      Map<String, ActivationDao.State> found = new LinkedHashMap<>();
      for (ActivationDao.State s : tx.lockAll(List.copyOf(vins))) {
        if (s.fleetId().equals(request.fleetId())) {
          found.put(s.vin(), s);
        }
      }
      List<String> missing = vins.stream().filter(v -> !found.containsKey(v)).toList();
      if (!missing.isEmpty()) {
        throw new ApiException(404, "Vehicles not found in this fleet", Map.of("vins", missing), Map.of());
      }
      List<VehicleCommand.Result> out = new ArrayList<>();
      for (String vin : vins) {
        ActivationDao.State s = found.get(vin);
        String message;
        boolean clear;
        boolean clearWindow;
        if (s.requested()) {
          message = DEACTIVATION_REQUESTED;
          clear = true;
          clearWindow = true;
        } else if (s.activated()) {
          message = DEACTIVATION_REQUESTED;
          clear = false;
          clearWindow = false;
        } else if (INSTANT_READOUT_REQUESTED.equals(s.message()) && s.requestedOem()) {
          message = INSTANT_READOUT_ENDED;
          clear = true;
          clearWindow = false;
        } else {
          message = DEACTIVATED;
          clear = false;
          clearWindow = false;
        }
        tx.deactivate(s.id(), clear, clearWindow, message);
        boolean requested = !clear && s.requested();
        if (requested != s.requested() || !message.equals(s.message())) {
          tx.history(s.id(), requested, s.activated(), message);
        }
        out.add(new VehicleCommand.Result(vin, true, message, null));
      }
      return new VehicleCommand.Results(out);
    });
  }

  /** An order after request-level validation. */
  private record Parsed(String vin, VehicleCommand.Order order, LocalDate start, LocalDate end) {}

  private List<Parsed> parse(List<VehicleCommand.Order> orders) {
    List<ApiException.FieldError> errors = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      VehicleCommand.Order o = orders.get(i);
      String at = "activation_orders[" + i + "]";
      Optional<String> vin = Vin.normalise(o.vehicle().vin());
      if (vin.isEmpty()) {
        errors.add(new ApiException.FieldError(at + ".vehicle.vin",
            "must be a VIN: 17 characters A-Z and 0-9 except I, O and Q"));
      }
      LocalDate start = null;
      LocalDate end = null;
      if (o.activation() != null) {
        start = date(o.activation().startDate(), at + ".activation.start_date", errors);
        end = date(o.activation().endDate(), at + ".activation.end_date", errors);
        if (start != null && end != null && !end.isAfter(start)) {
          errors.add(new ApiException.FieldError(at + ".activation.end_date", "must be later than start_date"));
        }
      }
      parsed.add(new Parsed(vin.orElse(null), o, start, end));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return parsed;
  }

  private static LocalDate date(String raw, String field, List<ApiException.FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    Optional<LocalDate> d = OrderDates.parse(raw);
    if (d.isEmpty()) {
      errors.add(new ApiException.FieldError(field, "must be a date (YYYY-MM-DD, dd/mm/yyyy, dd/mm/yy, mm/dd/yyyy)"));
    }
    return d.orElse(null);
  }

  // activation.md §3.3, rules in order
  private VehicleCommand.Result process(ActivationDao.Tx tx, UUID fleetId, Parsed p, Kind kind, LocalDate today) {
    VehicleCommand.VehicleRef v = p.order().vehicle();
    String givenMake = v.make().trim();
    Optional<CatalogueDao.Make> make = catalogue.makeByName(normaliseMake(givenMake));
    if (make.isEmpty()) {
      return rejected(p.vin(), "Make '" + givenMake + "' not found in database");
    }
    String oem = make.get().oemCode();
    if ("stellantis".equals(oem) && p.vin().charAt(7) == 'X') {
      return rejected(p.vin(),
          "Stellantis vehicles with 'X' as 8th VIN character are not supported (no SoH available)");
    }
    if (OemCapabilities.MODEL_AND_TYPE_REQUIRED.contains(oem) && (blank(v.model()) || blank(v.type()))) {
      return rejected(p.vin(), "Model and type are required for make '" + givenMake + "'");
    }
    VehicleCommand.Activation a = p.order().activation();
    boolean estimated = a != null && Boolean.TRUE.equals(a.requestSohEstimated());
    boolean oemSoh = a != null && Boolean.TRUE.equals(a.requestSohOem());
    if (!estimated && !oemSoh) {
      return rejected(p.vin(), "No SoH requested in the request");
    }
    estimated &= OemCapabilities.ESTIMATED_SOH.contains(oem);
    oemSoh &= OemCapabilities.OEM_SOH.contains(oem);
    if (!estimated && !oemSoh) {
      return rejected(p.vin(), "Requested SoH is not available for make '" + givenMake + "'");
    }
    LocalDate start = kind == Kind.ORDER_SOH_REPORT ? today : p.start();
    LocalDate end = kind == Kind.ORDER_SOH_REPORT ? OrderDates.orderEndDate(today, estimated) : p.end();
    boolean instantReadout = oemSoh && !estimated && instantReadoutOems.contains(oem);

    UUID modelId = null;
    String warning = null;
    if (!blank(v.model())) {
      modelId = ModelMatcher.match(oem, v.model(), v.type(), catalogue.candidates(make.get().oemId()))
          .map(CatalogueDao.Candidate::id).orElse(null);
      if (modelId == null) {
        warning = "Model '" + v.model().trim() + "' not found for make '" + givenMake
            + "': the vehicle is processed without static data";
      }
    }
    String comment = blank(p.order().comment()) ? null : p.order().comment();

    Optional<ActivationDao.State> existing = tx.lock(p.vin());
    if (existing.isEmpty()) {
      String message = instantReadout ? INSTANT_READOUT_REQUESTED : ACTIVATION_REQUESTED;
      ActivationDao.Desired desired = new ActivationDao.Desired(!instantReadout, estimated, oemSoh, start, end,
          message, modelId, make.get().id(), comment, false);
      Optional<UUID> inserted = tx.insert(p.vin(), fleetId, desired);
      if (inserted.isPresent()) {
        tx.history(inserted.get(), desired.requested(), false, message);
        return new VehicleCommand.Result(p.vin(), true, message, warning);
      }
      existing = tx.lock(p.vin()); // inserted meanwhile by a concurrent order: treat as existing
    }
    ActivationDao.State s = existing.orElseThrow();
    if (!s.fleetId().equals(fleetId)) {
      return rejected(p.vin(), "VIN belongs to another fleet");
    }
    String message;
    boolean requested;
    if (s.activated()) {
      message = ALREADY_ACTIVATED;
      requested = true;
    } else {
      message = instantReadout ? INSTANT_READOUT_REQUESTED : ACTIVATION_REQUESTED;
      requested = !instantReadout;
    }
    tx.update(s.id(), new ActivationDao.Desired(requested, estimated, oemSoh, start, end, message, modelId,
        make.get().id(), comment, s.activated()));
    if (requested != s.requested() || !Objects.equals(message, s.message())) {
      tx.history(s.id(), requested, s.activated(), message);
    }
    return new VehicleCommand.Result(p.vin(), true, message, warning);
  }

  private void validate(Object body) {
    Set<ConstraintViolation<Object>> violations = validator.validate(body);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
  }

  /** Lower-cased, trimmed, accents removed (activation.md §3.3 rule 1). */
  static String normaliseMake(String make) {
    String plain = Normalizer.normalize(make, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.trim().toLowerCase(Locale.ROOT);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static VehicleCommand.Result rejected(String vin, String message) {
    return new VehicleCommand.Result(vin, false, message, null);
  }
}
