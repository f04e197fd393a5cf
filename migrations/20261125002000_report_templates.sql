-- Narrative templates of the work report. The analyst edits the words; the numbers are
-- placeholders ({{total.items}}) and tables ({{table:channels}}) filled from the records.
CREATE TABLE report_templates (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id)
);

INSERT INTO report_templates (code, name, body) VALUES ('work_report', '信访工作报告', $tpl$# {{scope.name}}{{period.label}}信访工作情况报告
## 一、基本情况
{{period.label}}，共受理群众信访事项{{total.items}}件{{total.personVisits}}人次，与上年同期相比{{yoy.items}}，与上一期相比{{mom.items}}。其中办理群众来信{{letter.items}}件，网上信访{{online.items}}件，接待群众来访{{visit.items}}件{{visit.personVisits}}人次，来电{{phone.items}}件，上级交办转送{{referral.items}}件。
{{table:channels}}
接到网上信访件{{online.items}}件，其中{{online.byNature}}。
{{table:onlineByNature}}
接待群众来访{{visit.items}}件{{visit.personVisits}}人次，其中个体访{{individualVisits.items}}件{{individualVisits.personVisits}}人次，集体访{{collectiveVisits.batches}}批{{collectiveVisits.personVisits}}人次。按去向层级分：{{visits.byDestination}}。
{{table:visitsByDestination}}
## 二、办理情况
及时受理率{{rates.timelyAcceptance}}，按期办结率{{rates.onTimeCompletion}}，参评率{{rates.evaluation}}，信访部门满意率{{rates.bureauSatisfaction}}，承办单位满意率{{rates.unitSatisfaction}}，重复信访率{{rates.repeat}}，网信占比{{rates.onlineShare}}。
{{table:rates}}
## 三、反映的主要问题
群众反映的问题主要集中在：{{topCategories}}。
{{table:categories}}
## 四、承办单位办理情况
信访事项较多的承办单位依次为：{{topUnits}}。
{{table:units}}
## 五、问题属地分布
{{table:regions}}
$tpl$);
