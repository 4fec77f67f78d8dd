CREATE TABLE "feedback_rule_sets" (
	"version" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"confident_score" integer NOT NULL,
	"tie_order" jsonb NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "feedback_corrections" ADD COLUMN "rules_version" text;--> statement-breakpoint
ALTER TABLE "feedback_corrections" ADD COLUMN "suggested_category" text;--> statement-breakpoint
ALTER TABLE "feedback_corrections" ADD COLUMN "suggested_confidence_pct" integer;--> statement-breakpoint
ALTER TABLE "feedback_corrections" ADD COLUMN "matched_rule_ids" jsonb;--> statement-breakpoint
ALTER TABLE "feedback_corrections" ADD COLUMN "words" jsonb;--> statement-breakpoint
ALTER TABLE "feedback_corrections" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "rules_version" text;--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "matched_rule_ids" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_rule_sets_seq_uq" ON "feedback_rule_sets" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "feedback_corrections_created_idx" ON "feedback_corrections" USING btree ("created_at","id");
--> statement-breakpoint
-- The core's default classification rules (feedback's `defaultClassificationRules`) as the first
-- rule set, so that a new database classifies with no console action, in sandbox and production
-- alike. They have classified feedback since before this table: published_at is a date before any
-- business clock (a sandbox clock set back must not find them published in its future).
INSERT INTO "feedback_rule_sets" ("version", "seq", "rules", "confident_score", "tie_order", "published_at") VALUES
('default-1', 1, '[
 {"id":"device_parts","kind":"terms","category":"device","weight":3,"terms":["屏幕","划痕","碎屏","裂","电池","续航","发热","发烫","充电","死机","重启","黑屏","卡顿","摄像头","拍照","信号","扬声器","听筒","麦克风","按键","指纹","面容","耗电","故障","坏了","失灵","触摸","换机","维修","后盖","进水","screen","scratch","crack","battery","overheat","charging","charger","camera","signal","speaker","microphone","faulty","broken","reboot","touch","face id","fingerprint","dead"]},
 {"id":"device_quality","kind":"terms","category":"device","weight":1,"terms":["质量","成色","新旧","配件","耳机","数据线","quality","condition","accessories","cable"]},
 {"id":"logistics_words","kind":"terms","category":"logistics","weight":3,"terms":["物流","快递","快递员","发货","送货","配送","签收","到货","运单","取件","上门","运费","丢件","压坏","顺丰","京东快递","包装","派送","delivery","delivered","courier","shipping","shipped","parcel","package","tracking","pickup","pick-up","carrier","postage"]},
 {"id":"logistics_delay","kind":"terms","category":"logistics","weight":1,"terms":["太慢","延迟","迟迟","还没送到","late","delayed","slow","waiting"]},
 {"id":"billing_words","kind":"terms","category":"billing","weight":3,"terms":["押金","租金","扣款","扣费","退款","账单","费用","收费","多扣","免押","解冻","冻结","分期","利息","利率","违约金","买断","发票","积分","价格","到账","扣了","deposit","refund","charge","bill","billing","fee","price","installment","interest","invoice","auto-debit","debit","payment","paid"]},
 {"id":"billing_inspection","kind":"terms","category":"billing","weight":4,"terms":["扣押金","验机","定损","赔偿","扣钱","charged for","damage charge","inspection"]},
 {"id":"billing_price","kind":"terms","category":"billing","weight":1,"terms":["贵","便宜","划算","额度","expensive","cheap","cost"]},
 {"id":"service_words","kind":"terms","category":"service","weight":3,"terms":["客服","态度","人工","投诉","答复","工作人员","专员","不理","敷衍","推诿","support","agent","staff","rude","customer service","complaint","helpful","unhelpful"]},
 {"id":"service_handling","kind":"terms","category":"service","weight":1,"terms":["回复","解决","处理","等待","耐心","reply","response","answer","resolved"]},
 {"id":"app_words","kind":"terms","category":"app","weight":3,"terms":["app","小程序","闪退","打不开","登录","验证码","页面","界面","加载","白屏","系统出错","报错","crash","login","log in","verification code","page","loading","bug","website","error message"]},
 {"id":"app_flow","kind":"terms","category":"app","weight":1,"terms":["卡住","提交","上传","下单","更新","按钮","入口","upload","submit","update","stuck","button"]},
 {"id":"fault_during_rental","kind":"fact","category":"device","weight":5,"when":{"fact":"faultReportedDuringRental","op":"is_true"}},
 {"id":"delivery_late","kind":"fact","category":"logistics","weight":4,"when":{"fact":"deliveryLateDays","op":"at_least","value":1}},
 {"id":"shipment_exception","kind":"fact","category":"logistics","weight":4,"when":{"fact":"shipmentException","op":"is_true"}},
 {"id":"payment_issue","kind":"fact","category":"billing","weight":4,"when":{"fact":"paymentIssues","op":"at_least","value":1}},
 {"id":"inspection_charged","kind":"fact","category":"billing","weight":3,"when":{"fact":"inspectionChargedMinor","op":"at_least","value":1}},
 {"id":"error_screen","kind":"fact","category":"app","weight":4,"when":{"fact":"sentFromErrorScreen","op":"is_true"}},
 {"id":"ticket_reopened","kind":"fact","category":"service","weight":3,"when":{"fact":"ticketsReopened","op":"at_least","value":1}}
]', 6, '["device","billing","logistics","app","service"]', '2000-01-01T00:00:00Z');
--> statement-breakpoint
-- Every entry stored so far was classified by those defaults.
UPDATE "feedback_entries" SET "rules_version" = 'default-1' WHERE "rules_version" IS NULL;
