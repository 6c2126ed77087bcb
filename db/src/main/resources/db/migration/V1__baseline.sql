-- EValue baseline schema. spec: schema.md §1–§5.
-- Conventions (schema.md §1): uuid keys from gen_random_uuid() (built in since PostgreSQL 13), bigint identity keys
-- for high-volume append tables, created_at/updated_at on every table (append-only tables: created_at only),
-- enumerations as varchar + CHECK, foreign keys ON DELETE RESTRICT unless the spec says cascade, and a b-tree
-- index on every foreign-key column unless a unique index already starts with it.
-- This file is applied once and never edited; every change is a new V{n} migration.

-- spec: schema.md §1.5 — the single updated_at trigger function
CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- spec: schema.md §2 — reference and access tables
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE company (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        varchar(100) NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_company_updated_at BEFORE UPDATE ON company FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE oem (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code        varchar(30) NOT NULL UNIQUE,
    oem_name    varchar(100) NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_oem_updated_at BEFORE UPDATE ON oem FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE asset (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       varchar(255),
    public_url text NOT NULL,
    type       varchar(20) CHECK (type IN ('car_images', 'make_images')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_asset_updated_at BEFORE UPDATE ON asset FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE make (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    make_name   varchar(100) NOT NULL UNIQUE,
    oem_id      uuid NOT NULL REFERENCES oem (id) ON DELETE RESTRICT,
    description text,
    image_id    uuid REFERENCES asset (id) ON DELETE RESTRICT,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_make_oem_id ON make (oem_id);
CREATE INDEX idx_make_image_id ON make (image_id);
CREATE TRIGGER trg_make_updated_at BEFORE UPDATE ON make FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE region (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    region_name varchar(100) NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_region_updated_at BEFORE UPDATE ON region FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE fleet (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    fleet_name varchar(100) NOT NULL,
    company_id uuid NOT NULL REFERENCES company (id) ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_fleet_company_id_fleet_name UNIQUE (company_id, fleet_name)
);
CREATE TRIGGER trg_fleet_updated_at BEFORE UPDATE ON fleet FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE role (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    role_name  varchar(50) NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_role_updated_at BEFORE UPDATE ON role FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE app_user (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id      uuid NOT NULL REFERENCES company (id) ON DELETE RESTRICT,
    first_name      varchar(100),
    last_name       varchar(100),
    email           varchar(255) NOT NULL UNIQUE, -- stored lower-case
    password_hash   varchar(100) NOT NULL,        -- bcrypt
    phone           varchar(20),
    role_id         uuid NOT NULL REFERENCES role (id) ON DELETE RESTRICT,
    is_active       boolean NOT NULL DEFAULT true,
    last_connection timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_app_user_company_id ON app_user (company_id);
CREATE INDEX idx_app_user_role_id ON app_user (role_id);
CREATE TRIGGER trg_app_user_updated_at BEFORE UPDATE ON app_user FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE user_fleet (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    fleet_id   uuid NOT NULL REFERENCES fleet (id) ON DELETE CASCADE,
    role_id    uuid REFERENCES role (id) ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_user_fleet_user_id_fleet_id UNIQUE (user_id, fleet_id)
);
CREATE INDEX idx_user_fleet_fleet_id ON user_fleet (fleet_id);
CREATE INDEX idx_user_fleet_role_id ON user_fleet (role_id);
CREATE TRIGGER trg_user_fleet_updated_at BEFORE UPDATE ON user_fleet FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------------------------
-- spec: schema.md §3 — vehicles, models, results
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE battery (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    battery_type             varchar(50),
    battery_chemistry        varchar(20),   -- upper-case; any NMC/NCM spelling is stored as NMC
    battery_oem              varchar(100),
    capacity                 numeric(10, 2), -- gross kWh
    net_capacity             numeric(10, 2), -- usable kWh
    estimated_capacity       numeric(10, 2),
    battery_modules          int,
    battery_cells            int,
    battery_weight           numeric(10, 2), -- kg
    battery_architecture     varchar(50),
    battery_tms              varchar(50),
    battery_voltage_nominal  numeric(10, 2),
    battery_warranty_period  int,            -- years
    battery_warranty_mileage int,            -- km
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_battery_updated_at BEFORE UPDATE ON battery FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE vehicle_model (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    model_name               varchar(100) NOT NULL, -- lower-case
    type                     varchar(50),           -- trim
    version                  varchar(50),           -- OEM code
    oem_id                   uuid REFERENCES oem (id) ON DELETE RESTRICT,
    make_id                  uuid REFERENCES make (id) ON DELETE RESTRICT,
    battery_id               uuid REFERENCES battery (id) ON DELETE RESTRICT,
    autonomy                 int,                   -- WLTP km
    image_id                 uuid REFERENCES asset (id) ON DELETE RESTRICT,
    warranty_date            int,                   -- years
    warranty_km              int,
    source                   text,
    has_trendline_estimated  boolean NOT NULL DEFAULT false,
    has_trendline_oem        boolean NOT NULL DEFAULT false,
    odometer_data            boolean NOT NULL DEFAULT false,
    soh_data                 boolean NOT NULL DEFAULT false,
    soh_oem_data             boolean NOT NULL DEFAULT false,
    commissioning_date       date,
    end_of_life_date         date,
    expected_consumption     numeric(6, 2),         -- kWh/100 km
    evdb_model_id            int UNIQUE,
    maximum_speed            int,
    charge_plug_location     varchar(50),
    charge_plug_type         varchar(50),
    fast_charge_plug_type    varchar(50),
    fast_charge_max_power    numeric(6, 1),         -- kW
    fast_charge_duration     int,                   -- minutes
    standard_charge_duration int,                   -- minutes
    ac_charge_duration       int,                   -- minutes
    autonomy_city_winter     int,
    autonomy_city_summer     int,
    autonomy_highway_winter  int,
    autonomy_highway_summer  int,
    autonomy_combined_winter int,
    autonomy_combined_summer int,
    real_autonomy            int,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    -- catalogue rows may share model, type and version (successive model years) and differ by evdb_model_id
    CONSTRAINT uq_vehicle_model_identity UNIQUE NULLS NOT DISTINCT (oem_id, model_name, type, version, evdb_model_id)
);
CREATE INDEX idx_vehicle_model_model_name_battery_id ON vehicle_model (model_name, battery_id);
CREATE INDEX idx_vehicle_model_make_id ON vehicle_model (make_id);
CREATE INDEX idx_vehicle_model_battery_id ON vehicle_model (battery_id);
CREATE INDEX idx_vehicle_model_image_id ON vehicle_model (image_id);
CREATE TRIGGER trg_vehicle_model_updated_at BEFORE UPDATE ON vehicle_model FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE vehicle (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    fleet_id                    uuid NOT NULL REFERENCES fleet (id) ON DELETE RESTRICT,
    region_id                   uuid NOT NULL REFERENCES region (id) ON DELETE RESTRICT,
    vehicle_model_id            uuid REFERENCES vehicle_model (id) ON DELETE RESTRICT,
    make_id                     uuid REFERENCES make (id) ON DELETE RESTRICT,
    vin                         varchar(17) NOT NULL UNIQUE,
    licence_plate               varchar(20),
    start_date                  date,
    end_of_contract_date        date,
    health_score                char(1) CHECK (health_score IN ('A', 'B', 'C', 'D', 'E')),
    activation_status           boolean NOT NULL DEFAULT false,
    activation_requested_status boolean NOT NULL DEFAULT false,
    requested_soh_estimated     boolean NOT NULL DEFAULT false,
    requested_soh_oem           boolean NOT NULL DEFAULT false,
    activation_start_date       date,
    activation_end_date         date,
    activation_status_message   varchar(255),
    activation_comment          varchar(500),
    is_eligible                 boolean NOT NULL DEFAULT true,
    is_pinned                   boolean NOT NULL DEFAULT false,
    is_processed                boolean NOT NULL DEFAULT false,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_vehicle_fleet_id ON vehicle (fleet_id);
CREATE INDEX idx_vehicle_region_id ON vehicle (region_id);
CREATE INDEX idx_vehicle_vehicle_model_id ON vehicle (vehicle_model_id);
CREATE INDEX idx_vehicle_make_id ON vehicle (make_id);
CREATE TRIGGER trg_vehicle_updated_at BEFORE UPDATE ON vehicle FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- one row per vehicle per ISO week; "timestamp" is the week's Monday
CREATE TABLE vehicle_data (
    id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vehicle_id                    uuid NOT NULL REFERENCES vehicle (id) ON DELETE CASCADE,
    "timestamp"                   date NOT NULL CONSTRAINT ck_vehicle_data_timestamp_monday
                                      CHECK (extract(isodow FROM "timestamp") = 1),
    odometer                      numeric(10, 2),
    soh_estimated                 numeric(5, 4),
    soh_estimated_ci_low          numeric(5, 4),
    soh_estimated_ci_high         numeric(5, 4),
    soh_estimated_n               int,
    soh_method                    varchar(20),
    soh_ac_estimate               numeric(5, 4),
    soh_ac_n                      int,
    soh_oem                       numeric(5, 4),
    soh_oem_ci_low                numeric(5, 4),
    soh_oem_ci_high               numeric(5, 4),
    soh_oem_n                     int,
    consumption                   numeric(6, 3), -- kWh/100 km
    level_1                       numeric(8, 4), -- fractions of a full charge
    level_2                       numeric(8, 4),
    level_3                       numeric(8, 4),
    charged_cycles                numeric(8, 4),
    cycles                        int,
    soh_comparison                numeric(6, 3),
    timestamp_last_data_collected timestamptz,
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now(),
    -- the upsert target and the index used for "latest row" (storage.md §7)
    CONSTRAINT uq_vehicle_data_vehicle_id_timestamp UNIQUE (vehicle_id, "timestamp")
);
CREATE INDEX idx_vehicle_data_timestamp ON vehicle_data ("timestamp");
CREATE TRIGGER trg_vehicle_data_updated_at BEFORE UPDATE ON vehicle_data FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE vehicle_status (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vehicle_id   uuid REFERENCES vehicle (id) ON DELETE CASCADE,
    vin          varchar(17) NOT NULL,
    status_name  varchar(50) NOT NULL,
    process_step varchar(20) CHECK (process_step IN ('ACTIVATION', 'TRANSFORM')),
    status_value boolean NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_vehicle_status_vin_status_name UNIQUE (vin, status_name)
);
CREATE INDEX idx_vehicle_status_vehicle_id ON vehicle_status (vehicle_id);
CREATE TRIGGER trg_vehicle_status_updated_at BEFORE UPDATE ON vehicle_status FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- append-only
CREATE TABLE vehicle_activation_history (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vehicle_id                  uuid NOT NULL REFERENCES vehicle (id) ON DELETE CASCADE,
    activation_requested_status boolean,
    activation_status           boolean,
    activation_status_message   varchar(255),
    oem_detail                  varchar(555),
    created_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_vehicle_activation_history_vehicle_id_created_at
    ON vehicle_activation_history (vehicle_id, created_at);

-- both secrets are encrypted with AES-256-GCM by the application (key: secrets.db_encryption_key)
CREATE TABLE fleet_tesla_authentication_code (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    fleet_id            uuid NOT NULL UNIQUE REFERENCES fleet (id) ON DELETE RESTRICT,
    authentication_code text NOT NULL,
    refresh_token       text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_fleet_tesla_authentication_code_updated_at BEFORE UPDATE ON fleet_tesla_authentication_code
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- curve: "offset" − a·ln(1 + km/b)
CREATE TABLE trendline (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    scope      varchar(12) CHECK (scope IN ('model_group', 'oem')),
    model_name varchar(100),
    battery_id uuid REFERENCES battery (id) ON DELETE RESTRICT,
    oem_id     uuid REFERENCES oem (id) ON DELETE RESTRICT,
    source     varchar(10) CHECK (source IN ('estimated', 'oem', 'combined')),
    band       varchar(5) CHECK (band IN ('mean', 'lower', 'upper')),
    a          numeric(12, 9) NOT NULL,
    b          numeric(12, 3) NOT NULL,
    "offset"   numeric(8, 6) NOT NULL,
    n_points   int,
    n_vehicles int,
    fitted_at  timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_trendline_identity UNIQUE NULLS NOT DISTINCT (scope, model_name, battery_id, oem_id, source, band)
);
CREATE INDEX idx_trendline_battery_id ON trendline (battery_id);
CREATE INDEX idx_trendline_oem_id ON trendline (oem_id);
CREATE TRIGGER trg_trendline_updated_at BEFORE UPDATE ON trendline FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE soh_temperature_fit (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    make       varchar(30) NOT NULL DEFAULT 'renault',
    model_name varchar(100) NOT NULL,
    slope      numeric(14, 10),
    intercept  numeric(14, 10),
    n_points   int NOT NULL,
    r2         numeric(6, 5),
    is_valid   boolean NOT NULL, -- n_points >= 30 and var > 0
    fitted_at  timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_soh_temperature_fit_make_model_name UNIQUE (make, model_name)
);
CREATE TRIGGER trg_soh_temperature_fit_updated_at BEFORE UPDATE ON soh_temperature_fit
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- imported used-vehicle SoH observations; append-only
CREATE TABLE reference_soh_observation (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    make_name        varchar(100),
    model_name       varchar(100),
    type             varchar(50),
    year             int,
    odometer         numeric(10, 2) NOT NULL,
    soh              numeric(5, 4) NOT NULL,
    vehicle_model_id uuid REFERENCES vehicle_model (id) ON DELETE RESTRICT,
    source           varchar(50),
    observed_at      date,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_reference_soh_observation_vehicle_model_id ON reference_soh_observation (vehicle_model_id);

-- written once a day with insert-or-ignore
CREATE TABLE fct_activation_metric (
    date                  date NOT NULL,
    oem_id                uuid NOT NULL REFERENCES oem (id) ON DELETE RESTRICT,
    nb_vehicles_activated int NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (date, oem_id)
);
CREATE INDEX idx_fct_activation_metric_oem_id ON fct_activation_metric (oem_id);
CREATE TRIGGER trg_fct_activation_metric_updated_at BEFORE UPDATE ON fct_activation_metric
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------------------------
-- spec: schema.md §4 — reports and API customers
-- ---------------------------------------------------------------------------------------------------------------

-- id is the public report_uuid; append-only. job_id's foreign key is added after report_job exists.
CREATE TABLE report (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vehicle_id  uuid NOT NULL REFERENCES vehicle (id) ON DELETE RESTRICT,
    report_type varchar(10) CHECK (report_type IN ('premium', 'readout')),
    report_date date NOT NULL, -- UTC
    storage_key text NOT NULL, -- relative object path
    job_id      uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_report_vehicle_id_report_type_report_date UNIQUE (vehicle_id, report_type, report_date)
);

CREATE TABLE report_job (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vehicle_id      uuid NOT NULL REFERENCES vehicle (id) ON DELETE RESTRICT,
    report_type     varchar(10),
    status          varchar(10) DEFAULT 'PENDING'
                        CHECK (status IN ('PENDING', 'STARTED', 'SUCCESS', 'FAILURE', 'RETRY')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    error           text,
    report_id       uuid REFERENCES report (id) ON DELETE RESTRICT,
    requested_by    uuid REFERENCES app_user (id) ON DELETE RESTRICT,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_report_job_status_next_attempt_at ON report_job (status, next_attempt_at);
CREATE INDEX idx_report_job_vehicle_id ON report_job (vehicle_id);
CREATE INDEX idx_report_job_report_id ON report_job (report_id);
CREATE INDEX idx_report_job_requested_by ON report_job (requested_by);
CREATE TRIGGER trg_report_job_updated_at BEFORE UPDATE ON report_job FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE report
    ADD CONSTRAINT fk_report_job_id FOREIGN KEY (job_id) REFERENCES report_job (id) ON DELETE RESTRICT;
CREATE INDEX idx_report_job_id ON report (job_id);

CREATE TABLE api_user (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
    api_key_sha256 char(64) NOT NULL UNIQUE,
    name           varchar(100),
    is_active      boolean NOT NULL DEFAULT true,
    last_access    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_api_user_user_id ON api_user (user_id);
CREATE TRIGGER trg_api_user_updated_at BEFORE UPDATE ON api_user FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE api_pricing_plan (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name              varchar(100) NOT NULL UNIQUE,
    description       text,
    requests_limit    int,              -- per day; null = unlimited
    max_distinct_vins int,              -- per day; null = unlimited
    price_per_request numeric(10, 4) NOT NULL, -- EUR
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_api_pricing_plan_updated_at BEFORE UPDATE ON api_pricing_plan
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE api_user_pricing (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                  uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
    pricing_plan_id          uuid NOT NULL REFERENCES api_pricing_plan (id) ON DELETE RESTRICT,
    custom_requests_limit    int,
    custom_max_distinct_vins int,
    custom_price_per_request numeric(10, 4),
    effective_date           date NOT NULL,
    expiration_date          date,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_api_user_pricing_dates CHECK (expiration_date >= effective_date)
);
CREATE INDEX idx_api_user_pricing_user_id_effective ON api_user_pricing (user_id, effective_date DESC, created_at DESC);
CREATE INDEX idx_api_user_pricing_pricing_plan_id ON api_user_pricing (pricing_plan_id);
CREATE TRIGGER trg_api_user_pricing_updated_at BEFORE UPDATE ON api_user_pricing
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- invoice numbers (api.md §4.5: EV-{YYYYMM}-{6-digit sequence}) draw from this sequence
CREATE SEQUENCE invoice_number_seq;

CREATE TABLE api_billing (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
    period_start      timestamptz NOT NULL,
    period_end        timestamptz NOT NULL,
    total_requests    int NOT NULL,
    distinct_vins     int NOT NULL,
    price_per_request numeric(10, 4) NOT NULL,
    total_amount      numeric(12, 2) NOT NULL,
    invoice_number    varchar(30) NOT NULL UNIQUE,
    paid              boolean NOT NULL DEFAULT false,
    payment_date      date,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_api_billing_user_id_period UNIQUE (user_id, period_start, period_end)
);
CREATE TRIGGER trg_api_billing_updated_at BEFORE UPDATE ON api_billing FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- append-only, except for the billing columns (is_billed, billed_at, billing_id)
CREATE TABLE api_call_log (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
    api_user_id       uuid REFERENCES api_user (id) ON DELETE RESTRICT,
    vin               varchar(17),
    endpoint          varchar(100) NOT NULL,
    "timestamp"       timestamptz NOT NULL,
    response_time_ms  int,
    status_code       smallint NOT NULL,
    is_billable       boolean NOT NULL,
    is_billed         boolean NOT NULL DEFAULT false,
    billed_at         timestamptz,
    billing_id        uuid REFERENCES api_billing (id) ON DELETE RESTRICT,
    metering_degraded boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_api_call_log_user_id_timestamp ON api_call_log (user_id, "timestamp");
CREATE INDEX idx_api_call_log_vin ON api_call_log (vin);
CREATE INDEX idx_api_call_log_unbilled ON api_call_log (user_id, "timestamp") WHERE is_billable AND NOT is_billed;
CREATE INDEX idx_api_call_log_api_user_id ON api_call_log (api_user_id);
CREATE INDEX idx_api_call_log_billing_id ON api_call_log (billing_id);

-- ---------------------------------------------------------------------------------------------------------------
-- spec: schema.md §5 — seed rows
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO oem (code, oem_name) VALUES
    ('tesla', 'Tesla'),
    ('bmw', 'BMW Group'),
    ('mercedes-benz', 'Mercedes-Benz'),
    ('renault', 'Renault Group'),
    ('volvo-cars', 'Volvo Cars'),
    ('ford', 'Ford'),
    ('kia', 'Kia'),
    ('stellantis', 'Stellantis');

INSERT INTO make (make_name, oem_id)
SELECT brand.make_name, oem.id
FROM (VALUES
          ('tesla', 'tesla'),
          ('bmw', 'bmw'), ('mini', 'bmw'),
          ('mercedes-benz', 'mercedes-benz'), ('smart', 'mercedes-benz'),
          ('renault', 'renault'), ('dacia', 'renault'), ('alpine', 'renault'), ('mobilize', 'renault'),
          ('volvo', 'volvo-cars'),
          ('ford', 'ford'),
          ('kia', 'kia'),
          ('peugeot', 'stellantis'), ('citroen', 'stellantis'), ('opel', 'stellantis'), ('fiat', 'stellantis'),
          ('ds', 'stellantis'), ('jeep', 'stellantis'), ('alfa romeo', 'stellantis'), ('lancia', 'stellantis')
     ) AS brand (make_name, oem_code)
JOIN oem ON oem.code = brand.oem_code;

INSERT INTO role (role_name) VALUES ('Admin');

-- the default region of vehicles created by activation
INSERT INTO region (region_name) VALUES ('Unknown');

INSERT INTO api_pricing_plan (name, description, requests_limit, max_distinct_vins, price_per_request)
VALUES ('Plan Standard', 'Default plan: 1000 requests and 100 distinct VINs per day', 1000, 100, 0.0100);
